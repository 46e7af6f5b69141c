from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "wizard.evidence"
    label = "evidence"
    verbose_name = "Evidence"
