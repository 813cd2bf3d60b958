"""Where model versions live on disk, and which one is current. No Django, no network.

The directory is, in order: `$SHAHRVAND_MODEL_DIR`; `$SHAHRVAND_VAR_DIR/models` (the variable
the Django settings use for var/); `var/models` under the repository root (when running from
a checkout); `./var/models`. It holds, per version N:
- `classifier-vN.joblib` — the fitted pipeline (joblib/pickle: load only files you wrote);
- `classifier-vN.json` — metadata: version, trained_at, corpus hashes, metrics, versions of
  scikit-learn and the features;
and `current.json`, the pointer `{"version": N, "model": "classifier-vN.joblib", ...}`.
Versions are never overwritten; moving the pointer is an atomic rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import sklearn

from .inference import Classifier
from .model import FEATURES_VERSION

MODEL_DIR_ENV = "SHAHRVAND_MODEL_DIR"
VAR_DIR_ENV = "SHAHRVAND_VAR_DIR"
CURRENT_FILE = "current.json"
_REPO_ROOT = Path(__file__).resolve().parents[3]
_MODEL_NAME = re.compile(r"^classifier-v(\d+)\.joblib$")


def model_dir() -> Path:
    if os.environ.get(MODEL_DIR_ENV):
        return Path(os.environ[MODEL_DIR_ENV])
    if os.environ.get(VAR_DIR_ENV):
        return Path(os.environ[VAR_DIR_ENV]) / "models"
    if (_REPO_ROOT / "pyproject.toml").is_file():
        return _REPO_ROOT / "var" / "models"
    return Path.cwd() / "var" / "models"


@dataclass(frozen=True)
class ModelVersion:
    version: int
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict)

    def load(self) -> Classifier:
        model = joblib.load(self.path)
        if not isinstance(model, Classifier):
            raise TypeError(f"{self.path} does not hold a triage Classifier")
        return model

    def incompatibility(self) -> str | None:
        """Why this artefact should not be loaded here (other sklearn/features), or None."""
        saved_sklearn = self.metadata.get("sklearn_version")
        if saved_sklearn is not None and saved_sklearn != sklearn.__version__:
            return f"saved with scikit-learn {saved_sklearn}, running {sklearn.__version__}"
        saved_features = self.metadata.get("features_version")
        if saved_features is not None and saved_features != FEATURES_VERSION:
            return f"features version {saved_features}, code has {FEATURES_VERSION}"
        return None


def metadata_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def read_version(model_path: Path) -> ModelVersion:
    """The version stored at `model_path` (any .joblib file; metadata may be missing)."""
    match = _MODEL_NAME.match(model_path.name)
    try:
        metadata = json.loads(metadata_path(model_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        metadata = {}
    version = int(match.group(1)) if match else int(metadata.get("version", 0))
    return ModelVersion(version, model_path, metadata)


def versions(directory: Path | None = None) -> list[ModelVersion]:
    directory = directory or model_dir()
    found = [read_version(p) for p in directory.glob("classifier-v*.joblib")]
    return sorted((v for v in found if _MODEL_NAME.match(v.path.name)), key=lambda v: v.version)


def save_version(
    model: Classifier, metadata: dict[str, Any], directory: Path | None = None
) -> ModelVersion:
    """Write `model` as the next version; `metadata` gains version, file and library versions."""
    directory = directory or model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    number = max((v.version for v in versions(directory)), default=0) + 1
    while True:  # reserve the name, in case another process is saving at the same time
        path = directory / f"classifier-v{number}.joblib"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            number += 1
    try:
        _atomic_write(path, lambda tmp: joblib.dump(model, tmp))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    metadata = {
        "version": number,
        "model": path.name,
        **metadata,
        "sklearn_version": sklearn.__version__,
        "features_version": FEATURES_VERSION,
    }
    _write_json(metadata_path(path), metadata)
    return ModelVersion(number, path, metadata)


def current(directory: Path | None = None) -> ModelVersion | None:
    """The version the pointer names, or None if there is no usable pointer."""
    directory = directory or model_dir()
    try:
        pointer = json.loads((directory / CURRENT_FILE).read_text(encoding="utf-8"))
        path = directory / str(pointer["model"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return read_version(path) if path.is_file() else None


def set_current(version: ModelVersion, directory: Path | None = None) -> None:
    directory = directory or model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    pointer = {
        "version": version.version,
        "model": os.path.relpath(version.path, directory),
        "promoted_at": now_iso(),
    }
    _write_json(directory / CURRENT_FILE, pointer)


def pointer_stamp(directory: Path | None = None) -> tuple[int, int] | None:
    """Changes whenever the pointer is rewritten; lets a long-lived process notice promotions."""
    try:
        stat = ((directory or model_dir()) / CURRENT_FILE).stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_ino)


@contextlib.contextmanager
def training_lock(directory: Path | None = None) -> Iterator[None]:
    """Serialise training and promotion between processes sharing `directory` (POSIX only)."""
    directory = directory or model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no cross-process lock
        yield
        return
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)  # mkstemp makes 0600; a web server under another user must read it
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
