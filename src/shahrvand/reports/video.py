"""Videos are remuxed before they are stored: the same compressed frames and sound in a new
container that carries none of the uploaded file's metadata.

Phones write where and when a clip was taken, and on what, into the container (QuickTime
`©xyz`/`loci`/`mdta` location keys, `©mak`/`©mod` make and model, `creation_time` in the
movie and every track header) and sometimes into separate timed-metadata tracks (Apple's
`mebx` GPS track). Attachments are served without login, so all of it is dropped:

- only video and audio streams are copied (data, subtitle and attachment streams carry
  per-frame GPS and other text), packet by packet, without decoding or re-encoding;
- no container, stream or chapter metadata is copied, and the muxer runs with `bitexact`,
  so not even its own version string or a creation time is written;
- the demuxer is the one the content signature chose (never FFmpeg's probing across every
  format it knows), and a file it cannot read through to the end is refused.

PyAV (PyPI `av`) wraps FFmpeg's libraries and its wheels bundle them, so no system FFmpeg
is needed. Decoding is left to the viewer's player; remuxing costs about as much as
copying the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import av

# Content type (as filetype detects it) → (FFmpeg demuxer, FFmpeg muxer, file extension).
_FORMATS: dict[str, tuple[str, str, str]] = {
    "video/mp4": ("mov,mp4,m4a,3gp,3g2,mj2", "mp4", "mp4"),
    "video/x-m4v": ("mov,mp4,m4a,3gp,3g2,mj2", "mp4", "mp4"),
    "video/quicktime": ("mov,mp4,m4a,3gp,3g2,mj2", "mov", "mov"),
    "video/3gpp": ("mov,mp4,m4a,3gp,3g2,mj2", "3gp", "3gp"),
    "video/webm": ("matroska,webm", "webm", "webm"),
}
_KEPT = ("video", "audio")


class VideoUnreadable(Exception):
    """The file is not a video this server can copy without its metadata."""


@dataclass(frozen=True)
class CleanVideo:
    content: bytes
    extension: str
    width: int | None
    height: int | None


def _copy(data: bytes, demuxer: str, muxer: str) -> tuple[bytes, int | None, int | None]:
    out = io.BytesIO()
    with av.open(io.BytesIO(data), "r", format=demuxer) as source:
        streams = [s for s in source.streams if s.type in _KEPT]
        if not source.streams.video:
            raise VideoUnreadable("no video stream")
        video = source.streams.video[0]
        width, height = video.width or None, video.height or None
        with av.open(out, "w", format=muxer, options={"fflags": "+bitexact"}) as target:
            target.metadata.clear()
            copies = {}
            for stream in streams:
                copy = target.add_stream_from_template(stream)
                copy.metadata.clear()
                copies[stream.index] = copy
            frames = 0
            for packet in source.demux(streams):
                if packet.dts is None:  # the demuxer's end-of-stream marker
                    continue
                packet.stream = copies[packet.stream.index]
                target.mux(packet)
                frames += packet.stream.type == "video"
            if not frames:
                raise VideoUnreadable("no video frames")
    return out.getvalue(), width, height


def strip_metadata(data: bytes, content_type: str) -> CleanVideo:
    """The video's streams in a fresh container without metadata; VideoUnreadable if the
    file cannot be read through (corrupt, truncated, disguised or of another format)."""
    if content_type not in _FORMATS:
        raise VideoUnreadable(f"unsupported type {content_type}")
    demuxer, muxer, extension = _FORMATS[content_type]
    try:
        content, width, height = _copy(data, demuxer, muxer)
    except VideoUnreadable:
        raise
    except (av.FFmpegError, ValueError, TypeError, OSError, EOFError) as exc:
        raise VideoUnreadable(str(exc)[:200]) from exc
    return CleanVideo(content, extension, width, height)
