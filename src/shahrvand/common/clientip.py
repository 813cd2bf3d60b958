"""The client's address, for every per-address limit and scope (rate limits, sign-in limits,
anonymous idempotency keys, the metrics allow-list).

X-Forwarded-For is honoured only when the request comes from one of our own proxies
(settings.TRUSTED_PROXIES: addresses or CIDR networks). The chain is walked from the right,
the hop our proxy appended, skipping hops that are themselves trusted proxies; the first
address that is not ours is the client. Anything left of it was written by the client and
is ignored, as is a malformed hop (the walk stops at the last address it could trust).
Without a trusted proxy the header is never read: a client can put anything in it.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@cache
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """Parse TRUSTED_PROXIES; a bare hop count (the old "1") or a typo is refused."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an address or network; list the "
                "proxies' addresses, e.g. TRUSTED_PROXIES=10.0.0.0/8 (docs/operations.md)"
            ) from None
    return tuple(networks)


def parse_ip(value: str) -> Address | None:
    """A syntactically valid IPv4/IPv6 address (IPv4-mapped IPv6 given as IPv4), else None."""
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if not text or len(text) > 45:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address as text ("" when not even REMOTE_ADDR is an address)."""
    remote = parse_ip(str(request.META.get("REMOTE_ADDR", "")))
    if remote is None:
        return ""
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return str(remote)
    current = remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    for hop in reversed(forwarded.split(",")[-32:]):
        if not _trusted(current, networks):
            break
        address = parse_ip(hop)
        if address is None:
            break
        current = address
    return str(current)
