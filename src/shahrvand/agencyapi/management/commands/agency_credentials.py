"""Issue or revoke an outside agency's API credentials; the secret is printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from shahrvand.agencyapi.credentials import credential_issue, credential_revoke
from shahrvand.agencyapi.models import AgencyCredential
from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import ExternalAgency


class Command(BaseCommand):
    help = "agency_credentials issue <municipality> <agency-code> [--webhook URL] | revoke <key>"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue")
        issue.add_argument("municipality")
        issue.add_argument("agency")
        issue.add_argument("--webhook", default="")
        issue.add_argument("--label", default="")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("key_id")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                agency = ExternalAgency.objects.filter(
                    municipality__slug=options["municipality"], code=options["agency"]
                ).first()
                if agency is None:
                    raise CommandError("no such agency in that municipality")
                credential, secret = credential_issue(
                    agency=agency, label=options["label"], webhook_url=options["webhook"]
                )
                self.stdout.write(f"key_id={credential.key_id}\nsecret={secret}")
                self.stderr.write("The secret is shown once; it is not stored anywhere.")
                return
            found = AgencyCredential.objects.filter(key_id=options["key_id"]).first()
            if found is None:
                raise CommandError("no such key")
            credential_revoke(credential=found)
            self.stdout.write(f"revoked {found.key_id}")
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
