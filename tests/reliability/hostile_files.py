"""A corpus of hostile uploads, generated (nothing binary is checked in).

Each case says what must happen: "reject" (a 4xx with a Persian message, nothing stored)
or "clean" (accepted, but what is stored is a re-encoded JPEG without the payload).
`python -m tests.reliability.hostile_files DIR` writes the corpus to DIR for the slow
replay against the running server (bench/proof/uploads.py).
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

# What no stored file may contain (payloads of the polyglots and metadata).
FORBIDDEN = (b"<script", b"alert(", b"PK\x03\x04", b"Exif", b"GPS", b"secret-payload")


@dataclass(frozen=True)
class Hostile:
    name: str  # case id
    filename: str  # as sent by the client
    content_type: str  # as declared by the client
    data: bytes
    expect: str  # "reject" | "clean"


def _jpeg(size: tuple[int, int] = (64, 48), color: str = "red", **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", **save)
    return out.getvalue()


def _png(size: tuple[int, int] = (32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 128)).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int, *, rows: int = 1) -> bytes:
    """A PNG whose header claims width×height with only `rows` rows of zeros compressed:
    tiny on the wire, gigantic once decoded (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    raw = (b"\x00" + b"\x00" * width) * rows
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def png_bomb(width: int = 16000, height: int = 16000) -> bytes:
    """All rows present, all zeros: ~256 MB of pixels in ~250 KB of zlib."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * width
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    )


def gif_js_polyglot() -> bytes:
    """Valid GIF header whose logical-screen width bytes read as `/*` in JavaScript, with
    the script after the image: the classic GIFAR/GIF-JS polyglot."""
    header = b"GIF89a/*\x01\x00\x80\x00\x00"  # width 0x2a2f, height 1, global colour table
    palette = b"\x00\x00\x00\xff\xff\xff"
    image = b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00"
    return header + palette + image + b";*/=1;alert('secret-payload');<script>x</script>"


def jpeg_zip_polyglot() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert('secret-payload')</script>")
    return _jpeg() + out.getvalue()


def zip_bomb() -> bytes:
    """A zip whose member inflates 1000× (a real bomb's first level), named like a photo."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jpg", b"\x00" * (20 * 1024 * 1024))
    return out.getvalue()


def exif_laden_jpeg() -> bytes:
    image = Image.new("RGB", (80, 60), "blue")
    exif = image.getexif()
    exif[0x010F] = "secret-payload camera"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° when displayed
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 59.0), 3: "E", 4: (51.0, 23.0, 20.0)}  # GPS
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        comment=b"secret-payload comment",
        xmp=b"<x:xmpmeta>secret-payload</x:xmpmeta>",
        icc_profile=b"secret-payload icc",
    )
    return out.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert('secret-payload')</script></svg>"
)


def corpus() -> list[Hostile]:
    jpeg = _jpeg((120, 90))
    png = _png()
    return [
        Hostile("gif-js-polyglot", "avatar.gif", "image/gif", gif_js_polyglot(), "clean"),
        Hostile("jpeg-zip-polyglot", "photo.jpg", "image/jpeg", jpeg_zip_polyglot(), "clean"),
        Hostile("exif-gps-jpeg", "gps.jpg", "image/jpeg", exif_laden_jpeg(), "clean"),
        Hostile("png-named-mp4", "clip.mp4", "video/mp4", png, "clean"),
        Hostile("path-traversal-name", "../../../etc/passwd.jpg", "image/jpeg", jpeg, "clean"),
        Hostile("rtl-override-name", "photo\u202egpj.exe", "image/jpeg", jpeg, "clean"),
        Hostile(
            "png-huge-dimensions", "huge.png", "image/png", png_claiming(100_000, 100_000), "reject"
        ),
        Hostile("png-decompression-bomb", "bomb.png", "image/png", png_bomb(), "reject"),
        Hostile(
            "gif-huge-screen",
            "huge.gif",
            "image/gif",
            b"GIF89a\xff\xff\xff\xff\x00\x00\x00"
            + b",\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02D\x01\x00;",
            "reject",
        ),
        Hostile("zip-bomb-as-jpeg", "photo.jpg", "image/jpeg", zip_bomb(), "reject"),
        Hostile("truncated-jpeg", "half.jpg", "image/jpeg", jpeg[: len(jpeg) // 2], "reject"),
        Hostile("truncated-png", "half.png", "image/png", png[: len(png) // 2], "reject"),
        Hostile("jpeg-header-only", "tiny.jpg", "image/jpeg", b"\xff\xd8\xff\xe0", "reject"),
        Hostile(
            "svg-with-script",
            "icon.svg",
            "image/svg+xml",
            SVG_WITH_SCRIPT,
            "reject",
        ),
        Hostile(
            "html-as-jpeg",
            "photo.jpg",
            "image/jpeg",
            b"<html><script>alert('secret-payload')</script></html>",
            "reject",
        ),
        Hostile(
            "pdf-as-png",
            "scan.png",
            "image/png",
            b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj",
            "reject",
        ),
        Hostile("exe-as-jpeg", "photo.jpg", "image/jpeg", b"MZ\x90\x00" + b"\x00" * 200, "reject"),
        Hostile("empty-file", "empty.jpg", "image/jpeg", b"", "reject"),
        Hostile(
            "tiff-not-accepted",
            "scan.jpg",
            "image/jpeg",
            _tiff(),
            "reject",
        ),
    ]


def _tiff() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "TIFF")
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    target.mkdir(parents=True, exist_ok=True)
    for case in corpus():
        (target / f"{case.name}.bin").write_bytes(case.data)
    print(f"{len(corpus())} files written to {target}")
