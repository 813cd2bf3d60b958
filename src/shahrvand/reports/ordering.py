"""The order of every report work list: most urgent priority first, then what is most
overdue (earliest deadline; none last), then the oldest. One helper, so the dispatch queue,
the work queue and the field list never disagree about what comes next."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from .models import Priority, Report

PRIORITY_RANK = {
    Priority.EMERGENCY: 0,
    Priority.HIGH: 1,
    Priority.NORMAL: 2,
    Priority.LOW: 3,
}


def by_urgency(reports: QuerySet[Report]) -> QuerySet[Report]:
    """`reports` ordered by priority rank, deadline ascending (overdue first), age, id."""
    rank = Case(
        *(When(priority=p, then=Value(r)) for p, r in PRIORITY_RANK.items()),
        default=Value(len(PRIORITY_RANK)),
        output_field=IntegerField(),
    )
    return reports.annotate(priority_rank=rank).order_by(
        "priority_rank", F("deadline").asc(nulls_last=True), "created_at", "id"
    )
