"""Running the `shahrvand` command the way other tools do: a subprocess, no Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shahrvand.triage import store


def command() -> list[str]:
    """The installed console script when there is one, else `python -m shahrvand.cli`."""
    script = Path(sys.executable).with_name("shahrvand")
    return [str(script)] if script.exists() else [sys.executable, "-m", "shahrvand.cli"]


def environment(model_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env[store.MODEL_DIR_ENV] = str(model_dir)
    return env


def run(
    args: Sequence[str], model_dir: Path, stdin: bytes | int = b""
) -> subprocess.CompletedProcess[bytes]:
    """`shahrvand ARGS` with models in `model_dir`; `stdin` is bytes or a file descriptor."""
    options: dict[str, Any] = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}
    return subprocess.run(  # noqa: S603 - our own command, no shell
        [*command(), *args],
        env=environment(model_dir),
        capture_output=True,
        timeout=120,
        check=False,
        **options,
    )


def classify(lines: Sequence[str | bytes], model_dir: Path) -> list[dict[str, Any]]:
    data = b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines)
    done = run(["classify"], model_dir, data)
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def line(text: object, **fields: object) -> str:
    return json.dumps({"text": text, **fields}, ensure_ascii=False)
