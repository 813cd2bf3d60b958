"""The embedded media server hands out report photos but never private files by their path."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    for folder in ("reports/123456789012", "eservices/ES1", "certificates/ES1", "supervisory/x"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "f.pdf").write_bytes(b"%PDF-1.4 private")
    return tmp_path


def test_report_files_are_served_with_inert_headers(client: Client, media_root: Path) -> None:
    response = client.get("/media/reports/123456789012/f.pdf")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("folder", ["eservices/ES1", "certificates/ES1", "supervisory/x"])
def test_case_documents_certificates_and_reports_are_not(
    client: Client, media_root: Path, folder: str
) -> None:
    assert client.get(f"/media/{folder}/f.pdf").status_code == 404
