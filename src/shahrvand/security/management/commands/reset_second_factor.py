from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.security import twofactor

log = logging.getLogger("shahrvand.security")


class Command(BaseCommand):
    help = (
        "Remove a staff member's second factor (authenticator and recovery codes) after they "
        "lost both, once their identity has been checked; they enrol again at next login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reason", required=True, help="why, for the log (e.g. the helpdesk ticket)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, reason = options["username"], options["reason"].strip()
        if not reason:
            raise CommandError("--reason must say why the second factor is reset.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = twofactor.reset(user)
        log.warning(
            "second factor reset",
            extra={"user_id": user.pk, "username": username, "devices": removed, "reason": reason},
        )
        self.stdout.write(
            f"{username}: removed {removed} second-factor device(s); "
            "they enrol again at their next staff page."
        )
