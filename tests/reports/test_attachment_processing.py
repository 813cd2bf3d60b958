"""Attachments are judged by content, re-encoded to clean JPEG, and limited in size and number."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from PIL import ExifTags

from shahrvand.reports.attachments import THUMB_EDGE, AttachmentError, prepare_attachments
from tests.reports import images
from tests.reports.images import BLUE, RED, close_to, opened, upload


def _one(content: bytes, name: str = "photo.jpg"):
    [prepared] = prepare_attachments([upload(content, name)])
    return prepared


def _refused(*uploads) -> AttachmentError:
    with pytest.raises(AttachmentError) as caught:
        prepare_attachments(list(uploads))
    assert caught.value.field == "attachments"
    return caught.value


def test_source_photo_really_carries_exif_and_gps():
    source = opened(images.jpeg())
    exif = source.getexif()
    assert exif[ExifTags.Base.Make] == "TestCam"
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_jpeg_is_reencoded_without_exif_or_gps():
    prepared = _one(images.jpeg())

    assert prepared.kind == "photo"
    assert prepared.content_type == "image/jpeg"
    assert prepared.name == "photo.jpg"
    out = opened(prepared.content)
    assert out.format == "JPEG"
    exif = out.getexif()
    assert len(exif) == 0
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"Exif" not in prepared.content
    assert b"TestCam" not in prepared.content
    assert b"SerialNo-123" not in prepared.content
    assert (prepared.width, prepared.height) == out.size == (40, 20)


def test_sha256_is_of_the_stored_bytes():
    prepared = _one(images.jpeg())
    assert prepared.sha256 == hashlib.sha256(prepared.content).hexdigest()


def test_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to display.
    prepared = _one(images.jpeg(40, 20, orientation=6))

    out = opened(prepared.content)
    assert out.size == (20, 40)
    assert (prepared.width, prepared.height) == (20, 40)
    # The left (red) half of the stored frame is at the top once rotated clockwise.
    assert close_to(out.getpixel((10, 5)), RED)
    assert close_to(out.getpixel((10, 35)), BLUE)
    assert ExifTags.Base.Orientation not in out.getexif()


def test_upright_photo_keeps_its_geometry():
    out = opened(_one(images.jpeg(40, 20, orientation=1)).content)
    assert out.size == (40, 20)
    assert close_to(out.getpixel((5, 10)), RED)
    assert close_to(out.getpixel((35, 10)), BLUE)


def test_thumbnail_fits_320_and_keeps_aspect():
    prepared = _one(images.jpeg(1000, 600))

    thumb = opened(prepared.thumbnail)
    assert thumb.format == "JPEG"
    assert max(thumb.size) <= THUMB_EDGE == 320
    assert thumb.size == (320, 192)
    assert len(thumb.getexif()) == 0


def test_thumbnail_follows_orientation():
    prepared = _one(images.jpeg(1000, 600, orientation=6))
    assert opened(prepared.thumbnail).size == (192, 320)


def test_huge_edge_is_scaled_down_to_2560():
    prepared = _one(images.jpeg(3000, 60, gps=False))
    assert opened(prepared.content).size[0] == 2560


def test_png_with_alpha_becomes_jpeg_on_white():
    prepared = _one(images.png_with_alpha(), name="sign.png")

    out = opened(prepared.content)
    assert out.format == "JPEG"
    assert out.mode == "RGB"
    assert close_to(out.getpixel((5, 10)), RED)
    assert close_to(out.getpixel((35, 10)), (255, 255, 255))


def test_type_comes_from_content_not_name():
    # A PNG named .jpg and a JPEG named .png are both accepted as what they really are.
    assert opened(_one(images.png_with_alpha(), name="x.jpg").content).format == "JPEG"
    assert _one(images.jpeg(), name="x.png").kind == "photo"


def test_text_file_named_photo_jpg_is_refused():
    error = _refused(upload(b"just some text, not a photo\n" * 20, "photo.jpg"))
    assert error.code == "unsupported_type"


def test_html_and_zip_are_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "x")
    assert _refused(upload(archive.getvalue(), "photo.jpg")).code == "unsupported_type"
    html = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    assert _refused(upload(html, "photo.jpg")).code == "unsupported_type"


def test_truncated_jpeg_is_refused():
    data = images.jpeg(400, 300)
    error = _refused(upload(data[: len(data) // 2]))
    assert error.code == "invalid_image"


def test_image_format_outside_the_list_is_refused():
    out = io.BytesIO()
    images.halves().save(out, "BMP")
    assert _refused(upload(out.getvalue(), "photo.bmp")).code in (
        "invalid_image",
        "unsupported_type",
    )


def test_polyglot_payload_is_gone_after_reencoding():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("evil.html", "<html><script>alert('x')</script></html>")
    payload = archive.getvalue() + b"<html><body onload=alert(1)>POLYGLOT-MARKER</body></html>"
    polyglot = images.jpeg(gps=False) + payload
    # The polyglot still opens as a picture, so only re-encoding removes the payload.
    assert opened(polyglot).format == "JPEG"

    prepared = _one(polyglot)

    assert b"POLYGLOT-MARKER" not in prepared.content
    assert b"<script>" not in prepared.content
    assert b"PK\x03\x04" not in prepared.content
    assert b"evil.html" not in prepared.content
    assert prepared.content.endswith(b"\xff\xd9")  # ends at the JPEG end-of-image marker
    assert not zipfile.is_zipfile(io.BytesIO(prepared.content))


def test_minimal_mp4_is_accepted_as_video_remuxed():
    prepared = _one(images.MP4, name="clip.bin")
    assert prepared.kind == "video"
    assert prepared.content_type == "video/mp4"
    assert prepared.name == "video.mp4"
    assert (prepared.width, prepared.height) == (64, 48)
    assert images.video_facts(prepared.content)[0] == 10
    assert prepared.thumbnail is None


def test_five_photos_and_a_video_are_accepted_a_sixth_photo_is_not():
    photos = [upload(images.jpeg(gps=False), f"p{i}.jpg") for i in range(5)]
    prepared = prepare_attachments([*photos, upload(images.MP4, "v.mp4")])
    assert [p.kind for p in prepared] == ["photo"] * 5 + ["video"]

    photos = [upload(images.jpeg(gps=False), f"p{i}.jpg") for i in range(6)]
    assert _refused(*photos).code == "too_many_files"


def test_second_video_is_refused():
    assert _refused(upload(images.MP4, "a.mp4"), upload(images.MP4, "b.mp4")).code == (
        "too_many_files"
    )


def test_oversize_photo_is_refused(settings):
    data = images.jpeg(200, 200)
    settings.SHAHRVAND_MAX_PHOTO_BYTES = len(data) - 1
    assert _refused(upload(data)).code == "file_too_large"
    settings.SHAHRVAND_MAX_PHOTO_BYTES = len(data)
    assert _one(data).kind == "photo"


def test_oversize_video_is_refused(settings):
    settings.SHAHRVAND_MAX_VIDEO_BYTES = len(images.MP4) - 1
    assert _refused(upload(images.MP4, "v.mp4")).code == "file_too_large"


def test_upload_larger_than_its_declared_size_is_refused(settings):
    data = images.jpeg(200, 200)
    settings.SHAHRVAND_MAX_PHOTO_BYTES = len(data) - 1
    lying = upload(data)
    lying.size = 10  # a client that under-declares the size
    assert _refused(lying).code == "file_too_large"


def test_total_size_limit_applies_across_files(settings):
    data = images.jpeg(200, 200)
    settings.SHAHRVAND_MAX_TOTAL_BYTES = len(data) * 2 - 1
    assert _refused(upload(data), upload(data)).code == "total_too_large"


def test_too_many_pixels_is_refused(settings):
    settings.SHAHRVAND_MAX_IMAGE_PIXELS = 40 * 20 - 1
    assert _refused(upload(images.jpeg(40, 20))).code == "image_too_large"


def test_one_bad_file_refuses_the_whole_submission():
    good = upload(images.jpeg())
    bad = upload(b"not an image at all" * 10, "second.jpg")
    error = _refused(good, bad)
    assert error.code == "unsupported_type"
    assert "second.jpg" in error.message_en


def test_decoded_image_pixels_match_the_source():
    source = images.halves(64, 32)
    buf = io.BytesIO()
    source.save(buf, "PNG")
    out = opened(_one(buf.getvalue(), name="a.png").content)
    assert out.size == (64, 32)
    assert close_to(out.getpixel((2, 2)), RED)
    assert close_to(out.getpixel((60, 30)), BLUE)
