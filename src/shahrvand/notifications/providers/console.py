"""The embedded default: every SMS becomes one JSON line in a file (and the log).

Nothing leaves the machine, and a developer or a test can read exactly what would have
been sent: `tail -f var/outbox-sms.log`.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from pathlib import Path

from django.utils import timezone

from shahrvand.common.persian import mask_phone

log = logging.getLogger(__name__)
_lock = threading.Lock()


class ConsoleSmsProvider:
    name = "console"

    def __init__(self, *, path: Path) -> None:
        self.path = path

    def send(self, to: str, text: str, *, reference: str = "") -> str:
        message_id = f"console-{uuid.uuid4().hex[:16]}"
        line = json.dumps(
            {
                "id": message_id,
                "at": timezone.now().isoformat(),
                "to": to,
                "text": text,
                "reference": reference,
            },
            ensure_ascii=False,
        )
        with _lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        log.info("SMS to %s: %s", mask_phone(to), text)
        return message_id
