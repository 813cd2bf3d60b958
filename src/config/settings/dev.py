"""The embedded default used by `make run`: SQLite, tasks in-process, debug on."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SHAHRVAND_EMBEDDED_WORKER = env_bool("SHAHRVAND_EMBEDDED_WORKER", True)
