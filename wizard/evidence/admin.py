"""Evidence in the admin: read-only (the files are evidence; nobody edits them)."""

from django.contrib import admin

from wizard.evidence.models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "kind",
        "code",
        "content_type",
        "size",
        "case",
        "flow_id",
        "uploaded_at",
    ]
    list_filter = ["kind", "code", "content_type"]
    search_fields = ["sha256", "original_name", "flow_id"]
    date_hierarchy = "uploaded_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
