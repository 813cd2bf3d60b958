"""A submission with files is stored whole or not at all: rows and files on disk together."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from shahrvand.reports.attachments import AttachmentError, prepare_attachments
from shahrvand.reports.models import Attachment, Report, ReportEvent
from tests.reports import factories as reports_factories
from tests.reports import images
from tests.reports.images import opened, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A private MEDIA_ROOT per test, so "no files" means no files from this test."""
    settings.MEDIA_ROOT = tmp_path
    assert Path(default_storage.path("x")).parent == tmp_path
    return tmp_path


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _submit(city, category, uploads) -> Report:
    """What every intake channel does: validate all files, then create the report."""
    return reports_factories.report(city, category, attachments=prepare_attachments(uploads))


def test_files_and_rows_are_stored_together(city, pothole, media):
    report = _submit(city, pothole, [upload(images.jpeg(600, 400)), upload(images.MP4, "clip.mp4")])

    photo, video = Attachment.objects.filter(report=report).order_by("id")
    assert (photo.kind, video.kind) == ("photo", "video")
    assert photo.file.name.startswith(f"reports/{report.tracking_code}/")
    stored = Path(photo.file.path).read_bytes()
    assert opened(stored).format == "JPEG"
    assert b"TestCam" not in stored
    assert photo.size == len(stored)
    assert (photo.width, photo.height) == (600, 400)
    assert max(opened(Path(photo.thumbnail.path).read_bytes()).size) <= 320
    assert images.video_facts(Path(video.file.path).read_bytes())[0] == 10
    assert video.content_type == "video/mp4"
    assert not video.thumbnail
    assert len(_files(media)) == 3  # photo, its thumbnail, video
    assert all(media in p.parents for p in _files(media))


def test_one_bad_file_stores_nothing(city, pothole, media):
    uploads = [upload(images.jpeg()), upload(images.jpeg()), upload(b"%PDF-1.4 not allowed")]

    with pytest.raises(AttachmentError) as caught:
        _submit(city, pothole, uploads)

    assert caught.value.code == "unsupported_type"
    assert Report.objects.count() == 0
    assert ReportEvent.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert _files(media) == []


def test_sixth_photo_stores_nothing(city, pothole, media):
    with pytest.raises(AttachmentError) as caught:
        _submit(city, pothole, [upload(images.jpeg(gps=False)) for _ in range(6)])

    assert caught.value.code == "too_many_files"
    assert Report.objects.count() == 0
    assert _files(media) == []


def test_database_failure_after_files_were_written_removes_them(city, pothole, media, monkeypatch):
    prepared = prepare_attachments([upload(images.jpeg()), upload(images.jpeg())])
    original_save = Attachment.save
    written_before_failure = []

    def fail_on_second(self, *args, **kwargs):
        if Attachment.objects.count() == 1:
            written_before_failure.extend(_files(media))
            raise RuntimeError("database went away")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", fail_on_second)

    with pytest.raises(RuntimeError, match="database went away"):
        reports_factories.report(city, pothole, attachments=prepared)

    # The failure really happened with files on disk (first photo, its thumbnail, second photo
    # and its thumbnail), and all of them are gone again with the rolled-back rows.
    assert len(written_before_failure) == 4
    assert _files(media) == []
    assert Report.objects.count() == 0
    assert ReportEvent.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_failure_before_any_file_leaves_the_disk_untouched(city, pothole, media, monkeypatch):
    prepared = prepare_attachments([upload(images.jpeg())])

    def broken(*args, **kwargs):
        raise RuntimeError("history table locked")

    monkeypatch.setattr(ReportEvent.objects, "bulk_create", broken)  # the history insert

    with pytest.raises(RuntimeError):
        reports_factories.report(city, pothole, attachments=prepared)

    assert _files(media) == []
    assert Report.objects.count() == 0
