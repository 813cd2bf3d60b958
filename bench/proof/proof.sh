#!/usr/bin/env bash
# The slow proofs of docs/reliability.md, one command:
#   bench/proof/proof.sh            # everything (about 25 minutes on the shared 2-core machine)
#   bench/proof/proof.sh load       # or one part: load | faults | fuzz | uploads | backup
# Needs `make install-test model`, PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin) and
# redis-server. Starts its own PostgreSQL (port 5499) and Redis (6399) under /tmp/shv-proof
# and stops them at the end; the machine's shared PostgreSQL and Redis are never touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
EXAMPLES="${SHAHRVAND_FUZZ_EXAMPLES:-300}"
parts=("${@:-load faults fuzz uploads backup}")
for part in ${parts[@]}; do
  echo "== $part ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  case "$part" in
    load) $PY bench/proof/load.py --clients 8 --duration 60 ;;
    faults) $PY bench/proof/faults.py --duration 100 ;;
    fuzz)
      # thousands of generated requests: OpenAPI (JSON API) and Open311 (XML + JSON)
      SHAHRVAND_FUZZ_EXAMPLES="$EXAMPLES" .venv/bin/pytest -q -s -p no:cacheprovider \
        tests/api/test_api_fuzz_no_server_errors.py tests/reliability/test_open311_fuzz.py ;;
    uploads)
      $PY -m tests.reliability.hostile_files /tmp/shv-proof/hostile-corpus
      $PY bench/proof/uploads.py /tmp/shv-proof/hostile-corpus ;;
    backup) $PY bench/proof/backup.py --extra-reports 20000 ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
