"""Two web hosts behind one PostgreSQL, Redis and object store: any host serves any case.

Two gunicorn instances on different ports run the production code path with the
evidence in a real S3 server (SeaweedFS); one Celery worker and one beat send the
reminders. A phone walks the wizard on host A (its photo uploaded there), then
host B shows the draft to the same browser session, lists, serves (whole and a
byte range), packs and deletes the case. The confirmation e-mail of the case saved
on A arrives once, whichever host saved it.

Here with the fault tests for their plumbing (subprocesses, a private Redis, an
SMTP sink), and marked real_clock like them.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter

import pytest
import requests

from wizard.evidence.models import Evidence
from wizard.models import Case
from wizard.reminders.models import Reminder, ReminderKind, ReminderStatus

from .conftest import (
    PHOTO,
    Phone,
    app_env,
    start_celery_beat,
    start_celery_worker,
    start_gunicorn,
    test_database_url,
    wait_for_worker,
    wait_until,
    wizard_answers,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_case_saved_on_one_host_is_listed_served_packed_and_deleted_on_the_other(
    require_postgres, private_redis, smtp_sink, s3_server, processes, settings, tmp_path
):
    bucket = s3_server.create_bucket()
    smtp = smtp_sink()
    env = app_env(
        DATABASE_URL=test_database_url(settings),
        REDIS_URL=private_redis.url,
        CACHE_URL=private_redis.cache_url,
        EMAIL_URL=smtp.email_url,
        REMINDERS_SWEEP_SECONDS="1",
        # Each host's own disk: nothing of the evidence may be kept there.
        MEDIA_ROOT=str(tmp_path / "media-nowhere"),
        **s3_server.env(bucket),
    )
    worker = start_celery_worker(processes, env=env, log=tmp_path / "worker.log", wait=False)
    start_celery_beat(processes, env=env, tmp_path=tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    host_a, _ = start_gunicorn(processes, env=env, tmp_path=tmp_path / "a")
    host_b, _ = start_gunicorn(processes, env=env, tmp_path=tmp_path / "b")
    assert host_a != host_b
    wait_for_worker(worker)

    # The wizard on host A, up to and including the evidence step (the photo goes to A).
    phone = Phone(host_a)
    flow_id = phone.start()
    steps = wizard_answers(email="buyer@example.com")
    after_evidence = [name for name, _ in steps].index("evidence") + 1
    for index, (step, data) in enumerate(steps[:after_evidence]):
        phone.page(flow_id, step)
        phone.answer(flow_id, step, data, steps[index + 1][0])
    draft = Evidence.objects.get(flow_id=flow_id, case__isnull=True)
    assert s3_server.keys(bucket) == sorted([draft.original_path, draft.preview_path])

    # Host B shows the draft to the same browser session (cookies go to both ports)...
    draft_url = f"/evidence/w/{flow_id}/{draft.id}/original/"
    on_b = phone.session.get(host_b + draft_url, timeout=20)
    assert on_b.status_code == 200 and on_b.content == PHOTO
    # ...and to no other browser.
    assert requests.get(host_b + draft_url, timeout=20).status_code == 404

    # The case is saved on A.
    for index, (step, data) in enumerate(steps[after_evidence:], start=after_evidence):
        following = steps[index + 1][0] if index + 1 < len(steps) else "done"
        phone.page(flow_id, step)
        phone.answer(flow_id, step, data, following)
    case_path = phone.finish(flow_id)
    case = Case.objects.get()
    evidence = Evidence.objects.get(case=case)
    token = case.token

    # Host B lists it, serves it whole and by range, and packs it.
    other = requests.Session()
    page = other.get(host_b + case_path, timeout=20)
    assert page.status_code == 200 and "parcel.jpg" in page.text
    file_url = f"{host_b}/evidence/c/{token}/{evidence.id}/original/"
    whole = other.get(file_url, timeout=20)
    assert whole.status_code == 200 and whole.content == PHOTO
    part = other.get(file_url, headers={"Range": "bytes=10-109"}, timeout=20)
    assert part.status_code == 206 and part.content == PHOTO[10:110]
    assert part.headers["Content-Range"] == f"bytes 10-109/{len(PHOTO)}"
    packet = other.get(f"{host_b}/evidence/c/{token}/packet.zip", timeout=30)
    assert packet.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(packet.content))
    assert [archive.read(n) for n in archive.namelist() if n.startswith("evidence/")] == [PHOTO]

    # One confirmation for the case, sent once by the one worker.
    wait_until(lambda: smtp.count() >= 1, timeout=60, what="the confirmation e-mail")
    time.sleep(3)  # a few more sweeps (every second): nothing may arrive twice
    assert smtp.count() == 1, worker.output()[-2000:]
    confirmation = Reminder.objects.get(case=case, kind=ReminderKind.CONFIRMATION)
    assert confirmation.status == ReminderStatus.SENT
    counts = Counter(mid.strip("<>").split("@")[0] for mid in smtp.message_ids())
    assert counts == {f"reminder-{confirmation.pk}.confirmation": 1}

    # Host B deletes the case: its objects leave the bucket, host A finds nothing.
    form = other.get(f"{host_b}{case_path}delete/", timeout=20)
    assert form.status_code == 200
    deleted = other.post(
        f"{host_b}{case_path}delete/",
        data={"csrfmiddlewaretoken": other.cookies.get("csrftoken", "")},
        allow_redirects=False,
        timeout=20,
    )
    assert deleted.status_code == 302, deleted.text[:2000]
    assert not Case.objects.filter(token=token).exists()
    wait_until(lambda: s3_server.keys(bucket) == [], timeout=10, what="the objects to go")
    assert (
        requests.get(f"{host_a}{case_path}", timeout=20).status_code == 410
    )  # deleted: Gone, on the other host too
    assert not (tmp_path / "media-nowhere").exists() or not any(
        p.is_file() for p in (tmp_path / "media-nowhere").rglob("*")
    )
    s3_server.delete_bucket(bucket)
