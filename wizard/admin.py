from django.contrib import admin

from wizard.models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("id", "procedure", "deadline", "language", "created_at", "submitted_at")
    list_filter = ("procedure", ("deadline", admin.DateFieldListFilter), "language")
    date_hierarchy = "created_at"
    # The token is the case's only key: never shown in lists or searchable.
    exclude = ("token",)
    readonly_fields = ("answers", "outcome", "procedure", "deadline", "decided_on", "created_at")
