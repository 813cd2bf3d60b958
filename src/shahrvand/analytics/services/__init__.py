"""Writers of the rollup tables (the only ones)."""

from .partition import rebuild_days
from .rollup import RefreshResult, build_all, refresh_changed

__all__ = ["RefreshResult", "build_all", "rebuild_days", "refresh_changed"]
