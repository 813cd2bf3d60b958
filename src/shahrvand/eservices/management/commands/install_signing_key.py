"""Install a municipality's real certificate-signing key (PEM key, certificate and CA
chain), re-encrypted with SHAHRVAND_SIGNING_KEY_PASSPHRASE into SHAHRVAND_SIGNING_DIR."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.common.errors import DomainError
from shahrvand.eservices.signing import install_key
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Install a municipality's PAdES signing key and X.509 certificate (PEM files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="slug")
        parser.add_argument("--key", required=True, type=Path, help="private key (PEM)")
        parser.add_argument("--cert", required=True, type=Path, help="certificate (PEM)")
        parser.add_argument("--chain", type=Path, help="intermediate CA certificates (PEM)")
        parser.add_argument(
            "--key-passphrase-env",
            help="name of the environment variable holding the key file's passphrase",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError("no such municipality")
        secret = None
        if options["key_passphrase_env"]:
            value = os.environ.get(options["key_passphrase_env"])
            if value is None:
                raise CommandError(f"{options['key_passphrase_env']} is not set")
            secret = value.encode()
        try:
            pair = install_key(
                municipality,
                key_pem=options["key"].read_bytes(),
                cert_pem=options["cert"].read_bytes(),
                chain_pem=options["chain"].read_bytes() if options["chain"] else b"",
                key_passphrase=secret,
            )
        except (OSError, ValueError, TypeError) as exc:
            raise CommandError(str(exc)) from exc
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
        self.stdout.write(f"{municipality.slug}: installed {pair.cert}")
