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


# Each of these named a private file and used to be served: the private-prefix check ran on
# the path as requested, the file system on the path as normalised.
BYPASSES = [
    "/media//supervisory/x/f.pdf",  # double slash
    "/media///eservices/ES1/f.pdf",
    "/media/%2Fsupervisory/x/f.pdf",  # encoded slash
    "/media/%2fcertificates/ES1/f.pdf",
    "/media/%252Fsupervisory/x/f.pdf",  # double encoding
    "/media/%25252Fsupervisory/x/f.pdf",
    "/media/%73upervisory/x/f.pdf",  # an encoded letter
    "/media/reports/../eservices/ES1/f.pdf",  # dot segments
    "/media/reports/%2E%2E/eservices/ES1/f.pdf",
    "/media/reports/123456789012/../../supervisory/x/f.pdf",
    "/media/./supervisory/x/f.pdf",
    "/media/reports\\..\\supervisory\\x\\f.pdf",  # backslashes
    "/media/reports%5C..%5Csupervisory/x/f.pdf",
    "/media/supervisory./x/f.pdf",  # trailing dot (Windows drops it)
    "/media/supervisory /x/f.pdf",
    "/media/SUPERVISORY/x/f.pdf",  # case-insensitive file systems
    "/media/Certificates/ES1/f.pdf",
    "/media/supervisory/x/f.pdf%00.jpg",  # NUL
    "/media/../media/supervisory/x/f.pdf",
]


@pytest.mark.parametrize("url", BYPASSES)
def test_private_files_stay_private_whatever_the_spelling(
    client: Client, media_root: Path, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 404, url
    assert b"private" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    "url",
    [
        "/media//reports/123456789012/f.pdf",
        "/media/reports/./123456789012/f.pdf",
        "/media/reports/x/../123456789012/f.pdf",
    ],
)
def test_public_files_are_served_by_their_normalised_path(
    client: Client, media_root: Path, url: str
) -> None:
    assert client.get(url).status_code == 200


def test_nothing_outside_media_root(client: Client, media_root: Path) -> None:
    (media_root.parent / "secret.txt").write_text("outside")
    assert client.get("/media/../secret.txt").status_code == 404
    assert client.get("/media/%2E%2E/secret.txt").status_code == 404
    # a link inside the public folders pointing at a private or outside file
    (media_root / "reports" / "to-private").symlink_to(media_root / "supervisory")
    (media_root / "reports" / "to-outside.txt").symlink_to(media_root.parent / "secret.txt")
    assert client.get("/media/reports/to-private/f.pdf").status_code == 404
    assert client.get("/media/reports/to-outside.txt").status_code == 404


def test_normalise_table() -> None:
    from shahrvand.common.media import normalise

    assert normalise("/supervisory/x") == "supervisory/x"
    assert normalise("reports/../supervisory/x") == "supervisory/x"
    assert normalise("reports//a/./b.jpg") == "reports/a/b.jpg"
    assert normalise("../../etc/passwd") == "etc/passwd"  # anchored at MEDIA_ROOT
    for refused in ("%2Fsupervisory/x", "a\\b", "a\x00b", "a./b", "", "/", "a%252F"):
        assert normalise(refused) is None, refused
