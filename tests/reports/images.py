"""Real image and video bytes built in memory for attachment tests."""

from __future__ import annotations

import io

import av
import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

RED = (255, 0, 0)
BLUE = (0, 0, 255)
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (35.0, 42.0, 3.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (51.0, 23.0, 1.0),
}
# What a phone writes about where, when and on what a clip was taken.
VIDEO_TAGS = {
    "location": "+35.6892+051.3890/",
    "com.apple.quicktime.location.ISO6709": "+35.6892+051.3890+012.000/",
    "make": "Apple",
    "model": "iPhone 15 Pro",
    "creation_time": "2026-11-20T08:15:00.000000Z",
}
# Byte strings of those tags as they appear in a file that carries them.
VIDEO_SECRETS = (b"35.6892", b"051.3890", b"Apple", b"iPhone 15 Pro", b"2026-11-20")


def video(
    fmt: str = "mp4", *, frames: int = 10, tags: dict[str, str] | None = None, mdta: bool = False
) -> bytes:
    """A real clip (64x48, 10 fps, MPEG-4 Part 2) written by FFmpeg through PyAV.

    `tags` become container tags (and a creation time on the track). QuickTime ("mov")
    writes location/make/model as its `©xyz`/`©mak`/`©mod` atoms; `mdta=True` writes every
    tag under its own name as iPhones do (movflags=use_metadata_tags)."""
    out = io.BytesIO()
    options = {"movflags": "use_metadata_tags"} if mdta else {}
    with av.open(out, "w", format=fmt, options=options) as container:
        for key, value in (tags or {}).items():
            container.metadata[key] = value
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        if tags and "creation_time" in tags:
            stream.metadata["creation_time"] = tags["creation_time"]
        for i in range(frames):
            pixels = np.full((48, 64, 3), (i * 25) % 256, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def video_facts(content: bytes) -> tuple[int, float, dict[str, str], list[dict[str, str]]]:
    """(frames decoded, duration in seconds, container tags, each stream's tags)."""
    with av.open(io.BytesIO(content)) as container:
        decoded = sum(1 for _ in container.decode(video=0))
        duration = (container.duration or 0) / av.time_base
        return (
            decoded,
            duration,
            dict(container.metadata),
            [dict(s.metadata) for s in container.streams],
        )


MP4 = video()


def halves(width: int = 40, height: int = 20) -> Image.Image:
    """Left half red, right half blue: orientation is visible in the pixels."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


def jpeg(
    width: int = 40,
    height: int = 20,
    *,
    orientation: int | None = None,
    gps: bool = True,
) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "SerialNo-123"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = GPS
    out = io.BytesIO()
    halves(width, height).save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def png_with_alpha(width: int = 40, height: int = 20) -> bytes:
    """Opaque red left half, fully transparent right half."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, width // 2, height))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def opened(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def close_to(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))
