from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wizard.models import Case


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
