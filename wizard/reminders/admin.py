from django.contrib import admin

from .models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: reminders are written by the services, never by hand."""

    list_display = (
        "id",
        "case",
        "kind",
        "status",
        "due_at",
        "next_attempt_at",
        "attempts",
        "sent_at",
    )
    list_filter = ("status", "kind")
    date_hierarchy = "due_at"
    search_fields = ("case__email",)
    list_select_related = ("case",)
    ordering = ("-due_at",)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
