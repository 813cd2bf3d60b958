from __future__ import annotations

import datetime as dt

from shahrvand.categories.models import Category
from shahrvand.deadlines.business_hours import DEFAULT_CALENDAR, add_business_hours
from shahrvand.reports.models import Priority

# Multipliers of the category's target for non-emergency priorities.
PRIORITY_FACTOR = {Priority.LOW: 1.5, Priority.NORMAL: 1.0, Priority.HIGH: 0.5}


def deadline_for(category: Category, priority: str, start: dt.datetime) -> dt.datetime:
    """Emergencies run on the clock (a gas leak does not wait for Saturday); the rest on
    business hours scaled by priority."""
    if priority == Priority.EMERGENCY:
        return start + dt.timedelta(hours=category.emergency_hours)
    hours = category.target_hours * PRIORITY_FACTOR[Priority(priority)]
    return add_business_hours(start, hours, DEFAULT_CALENDAR)
