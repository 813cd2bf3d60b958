"""Writes of the payments app, split by concern: starting, settling and reconciling."""

from __future__ import annotations

from .reconcile import reconcile_payments
from .settle import PaymentExpired, payment_callback, payment_cancel
from .start import AlreadyPaid, payment_start

__all__ = [
    "AlreadyPaid",
    "PaymentExpired",
    "payment_callback",
    "payment_cancel",
    "payment_start",
    "reconcile_payments",
]
