import uuid

from django.db import migrations, models


def fill_link_ids(apps, schema_editor):
    Case = apps.get_model("wizard", "Case")
    for case in Case.objects.filter(link_id__isnull=True).only("pk").iterator():
        Case.objects.filter(pk=case.pk).update(link_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0002_case_flow_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="link_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="e-mail link id"),
        ),
        migrations.RunPython(fill_link_ids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="case",
            name="link_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="e-mail link id"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="emails_stopped_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="e-mails stopped at"),
        ),
    ]
