"""`manage.py api_token issue --user NAME [--name LABEL]` | `revoke ID` | `list [--user NAME]`:
staff API tokens from the command line; the raw token is printed once, on issue."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.api.models import ApiToken
from shahrvand.api.tokens import api_token_issue, api_token_revoke
from shahrvand.common.errors import DomainError


def _when(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value else "-"


class Command(BaseCommand):
    help = "api_token issue --user NAME [--name LABEL] | revoke ID | list [--user NAME]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a token for a staff member")
        issue.add_argument("--user", required=True, help="username")
        issue.add_argument("--name", default="", help="what the token is for (script, device)")
        revoke = sub.add_parser("revoke", help="revoke a token by its id (see list)")
        revoke.add_argument("id", type=int)
        listing = sub.add_parser("list", help="tokens with owner, created, last used, revoked")
        listing.add_argument("--user", default="", help="only this user's tokens")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "issue":
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
            try:
                token, raw = api_token_issue(user=user, name=options["name"] or "cli")
            except DomainError as exc:
                raise CommandError(exc.message_en) from exc
            self.stdout.write(f"id={token.pk}\ntoken={raw}")
            self.stderr.write("The token is shown once; only its hash is stored.")
        elif action == "revoke":
            found = ApiToken.objects.filter(pk=options["id"]).first()
            if found is None:
                raise CommandError(f"No API token with id {options['id']}.")
            api_token_revoke(token=found)
            self.stdout.write(f"revoked {found.pk} ({found.prefix}…) at {_when(found.revoked_at)}")
        else:
            tokens = ApiToken.objects.select_related("user").order_by("pk")
            if options["user"]:
                tokens = tokens.filter(user__username=options["user"])
            self.stdout.write("id\tprefix\tuser\tname\tcreated\tlast_used\trevoked")
            for t in tokens:
                self.stdout.write(
                    f"{t.pk}\t{t.prefix}\t{t.user.get_username()}\t{t.name}\t"
                    f"{_when(t.created_at)}\t{_when(t.last_used_at)}\t{_when(t.revoked_at)}"
                )
