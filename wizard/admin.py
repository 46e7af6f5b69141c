"""Cases in the admin. Deleting one goes through `case_delete`, like the user's own delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wizard.evidence.models import Evidence
from wizard.models import Case
from wizard.reminders.models import Reminder
from wizard.services import case_delete

# Rows that belong to a case and go with it. Their own admins are read-only, which
# would otherwise make Django refuse to delete the case (403) for lack of permission
# to delete them one by one.
DELETED_WITH_THE_CASE = (Evidence, Reminder)


class HasEmailFilter(admin.SimpleListFilter):
    title = _("reminder e-mail")
    parameter_name = "has_email"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(email="")
        if self.value() == "no":
            return queryset.filter(email="")
        return queryset


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "procedure",
        "deadline",
        "decided_on",
        "language",
        "has_email",
        "created_at",
        "submitted_at",
    )
    list_filter = (
        "procedure",
        ("deadline", admin.DateFieldListFilter),
        "language",
        HasEmailFilter,
    )
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    list_per_page = 50
    # The token is the case's only key: never shown in lists or searchable.
    exclude = ("token",)
    readonly_fields = (
        "answers",
        "outcome",
        "procedure",
        "deadline",
        "decided_on",
        "language",
        "created_at",
        "updated_at",
    )

    @admin.display(boolean=True, description=_("reminder e-mail"))
    def has_email(self, obj: Case) -> bool:
        return bool(obj.email)

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        owned = {str(model._meta.verbose_name) for model in DELETED_WITH_THE_CASE}
        return deleted, counts, {n for n in perms_needed if str(n) not in owned}, protected

    def delete_model(self, request: HttpRequest, obj: Case) -> None:
        case_delete(case=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            case_delete(case=case)
