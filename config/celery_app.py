"""The Celery application: reminders and housekeeping run here.

Beat only wakes the database-driven sweeps up (CELERY_BEAT_SCHEDULE); there are
no long ETA/countdown tasks, which Redis would redeliver after its visibility
timeout.
"""

import os
from pathlib import Path

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("refund_wizard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender: Celery, **kwargs: object) -> None:
    """The embedded broker (kombu's filesystem transport) needs its folders to exist."""
    if not str(sender.conf.broker_url or "").startswith("filesystem://"):
        return
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def _mask_tokens_in_celery_logs(logger, **kwargs: object) -> None:
    """Celery replaces the root logger's handlers with its own: give them the token mask."""
    from wizard.logging import mask_handlers

    mask_handlers(logger)
