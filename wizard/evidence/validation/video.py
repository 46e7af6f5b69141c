"""Videos: opened with PyAV under a forced demuxer; at least one real video stream,
a bounded duration, and a poster frame for the preview."""

from __future__ import annotations

import mmap
from datetime import UTC, datetime

import av
from django.conf import settings
from django.utils.translation import gettext as _

import wizard.evidence.validation.structure as structure
from wizard.evidence.validation.filetypes import WEBM, EvidenceRejected, FileType, Inspected
from wizard.evidence.validation.photo import display_jpeg, plausible_capture_time

_POSTER_MAX_PACKETS = 300


def _video_capture_time(metadata: dict) -> datetime | None:
    for key in ("com.apple.quicktime.creationdate", "creation_time", "DATE_RECORDED"):
        raw = metadata.get(key)
        if not raw:
            continue
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if moment.year > 1970:  # 1904/1970 epochs mean "not set"
            return plausible_capture_time(moment)
    return None


def inspect_video(path: str, buf: mmap.mmap, ftype: FileType) -> Inspected:
    if ftype is WEBM:
        structure.check_ebml(buf)
    else:
        structure.check_bmff(buf)
    max_seconds = settings.EVIDENCE_MAX_VIDEO_SECONDS
    damaged = EvidenceRejected(_("the video is damaged or incomplete and cannot be played."))
    try:
        # A forced demuxer: ffmpeg never guesses (no playlists, no other formats).
        with av.open(path, mode="r", format=ftype.decoders[0]) as container:
            streams = [
                s
                for s in container.streams.video
                if not s.disposition & av.stream.Disposition.attached_pic
            ]
            if not streams:
                raise EvidenceRejected(_("the file has no video picture (only sound?)."))
            stream = streams[0]
            duration = _duration(container, stream)
            if duration is None:
                raise damaged
            if duration > max_seconds:
                raise EvidenceRejected(
                    _("the video is longer than %(minutes)s minutes.")
                    % {"minutes": max_seconds // 60}
                )
            poster = None
            for count, packet in enumerate(container.demux(stream)):
                if count > _POSTER_MAX_PACKETS:
                    break
                frames = packet.decode()
                if frames:
                    poster = frames[0]
                    break
            if poster is None:
                raise damaged
            image = poster.to_image()
            rotation = getattr(poster, "rotation", 0) or 0
            if rotation:
                image = image.rotate(rotation, expand=True)
            preview = display_jpeg(image, settings.EVIDENCE_DISPLAY_SIDE)
            captured_at = _video_capture_time(dict(container.metadata))
            width, height = image.size
    except EvidenceRejected:
        raise
    except Exception:  # ffmpeg refusing the file means a damaged video
        raise damaged from None
    return Inspected(ftype, width, height, round(duration, 3), captured_at, preview)


def _duration(container: av.container.InputContainer, stream: av.VideoStream) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    # Live-recorded WebM often has no duration: read packet times (no decoding).
    last = None
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base:
            last = max(last or 0.0, float(packet.pts * packet.time_base))
    container.seek(0)
    return last
