"""Delete the demo province again (`load_demo --reset`), children before parents."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import PROTECT, ManyToOneRel, Q

from shahrvand.categories.models import Category
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.tenancy.models import Municipality

from .data import demo_slugs
from .people import demo_usernames, superuser_name


def demo_data_present() -> bool:
    user_model = get_user_model()
    demo_users = [name for name in demo_usernames() if name != superuser_name()]
    return (
        Municipality.objects.filter(slug__in=demo_slugs()).exists()
        or user_model.objects.filter(username__in=demo_users).exists()
    )


@transaction.atomic
def delete_demo_data() -> int:
    """Remove the demo municipalities with everything in them and the demo accounts.

    Returns the number of reports deleted. History rows are append-only and protected
    (ReportEvent refuses delete, and the foreign keys to them are PROTECT); this is the one
    place allowed to bypass that, through ReportEventQuerySet.delete_for_demo_reset (a raw
    delete), because the whole demo goes at once.
    """
    municipalities = Municipality.objects.filter(slug__in=demo_slugs())
    reports = Report.objects.filter(municipality__in=municipalities)
    ReportEvent.objects.filter(report__in=reports).delete_for_demo_reset()
    attachments = Attachment.objects.filter(report__in=reports)
    for attachment in attachments:
        for stored in (attachment.file, attachment.thumbnail):
            if stored:
                stored.delete(save=False)
    attachments.delete()
    reports.filter(duplicate_of__isnull=False).update(duplicate_of=None)
    # Other rows that keep a municipality from being deleted (e.g. the outbox's events):
    # in a demo municipality they are demo rows too.
    for relation in Municipality._meta.get_fields(include_hidden=True):
        if (
            isinstance(relation, ManyToOneRel)
            and relation.on_delete is PROTECT
            and relation.related_model is not Report
        ):
            model: Any = relation.related_model
            model.objects.filter(**{f"{relation.field.name}__in": municipalities}).delete()
    count = reports.count()
    reports.delete()
    categories = Category.objects.filter(municipality__in=municipalities)
    categories.filter(parent__isnull=False).delete()
    categories.delete()
    user_model = get_user_model()
    user_model.objects.filter(
        Q(username__in=demo_usernames()) | Q(staff_profile__municipality__in=municipalities)
    ).delete()
    municipalities.delete()  # districts, departments, agencies and profiles cascade
    return count
