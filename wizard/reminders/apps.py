from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "wizard.reminders"
    label = "reminders"
    verbose_name = "Reminders"
