#!/bin/sh
# Start with an empty Prometheus multiprocess directory (stale files from a previous run
# would be merged into /metrics), then run the given command (web, worker, beat, migrate).
set -eu
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
  find "$PROMETHEUS_MULTIPROC_DIR" -name '*.db' -delete
fi
exec "$@"
