"""A minimal SMTP server that accepts every message and appends one line per message to
a log file: the mail server of the proof stack (production sends e-mail over SMTP)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, log: Path) -> None:
    def say(line: str) -> None:
        writer.write(line.encode() + b"\r\n")

    say("220 proof-sink ESMTP")
    sender, recipients = "", []
    while True:
        raw = await reader.readline()
        if not raw:
            break
        verb = raw.decode("utf-8", "replace").strip().split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            say("250 proof-sink")
        elif verb == "MAIL":
            sender, recipients = raw.decode().strip()[10:], []
            say("250 OK")
        elif verb == "RCPT":
            recipients.append(raw.decode().strip()[8:])
            say("250 OK")
        elif verb == "DATA":
            say("354 end with <CRLF>.<CRLF>")
            await writer.drain()
            size = 0
            while (line := await reader.readline()) not in (b".\r\n", b".\n", b""):
                size += len(line)
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{sender} -> {','.join(recipients)} {size} bytes\n")
            say("250 OK queued")
        elif verb == "QUIT":
            say("221 bye")
            await writer.drain()
            break
        else:  # RSET, NOOP and anything else
            say("250 OK")
        await writer.drain()
    writer.close()


async def main(port: int, log: Path) -> None:
    server = await asyncio.start_server(lambda r, w: handle(r, w, log), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2])))
