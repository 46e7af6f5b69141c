"""Deadline reminders: scheduled in the database, sent by Celery, once each."""
