"""The demo catalogue: the shipped process definitions, loaded and published in every
demo municipality (validated like any other definition)."""

from __future__ import annotations

from collections.abc import Iterable

from shahrvand.eservices.services import definition_load, definition_publish
from shahrvand.eservices.services.definitions import shipped_documents
from shahrvand.tenancy.models import Municipality


def load_eservices(municipalities: Iterable[Municipality]) -> int:
    """Load and publish every shipped definition; returns how many were published."""
    count = 0
    documents = shipped_documents()
    for municipality in municipalities:
        for document in documents:
            definition_publish(
                definition=definition_load(municipality=municipality, document=document)
            )
            count += 1
    return count
