"""Loading process definitions into the catalogue (as drafts) and publishing them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from shahrvand.common.errors import DomainError
from shahrvand.eservices.definitions import DefinitionError, checksum, validate_document
from shahrvand.eservices.models import ProcessDefinition, Service
from shahrvand.tenancy.models import Municipality

from . import clock

DEFINITIONS_DIR = Path(__file__).resolve().parent.parent / "definitions" / "files"
CATALOGUE_FIELDS = (
    "name_fa",
    "name_en",
    "description_fa",
    "description_en",
    "eligibility_fa",
    "eligibility_en",
    "fee_rule",
    "expected_days",
)


def shipped_documents() -> list[dict[str, Any]]:
    """The definition files shipped with the project, in file-name order."""
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(DEFINITIONS_DIR.glob("*.json"))
    ]


@transaction.atomic
def definition_load(*, municipality: Municipality, document: dict[str, Any]) -> ProcessDefinition:
    """Validate `document` against the municipality's units and store it as a draft.

    The catalogue entry (Service) is created or its texts refreshed. If the newest version
    already has the same checksum that version is returned and nothing is written, so the
    command may run again and again. Raises DefinitionError listing every problem.
    """
    problems = validate_document(
        document,
        departments=set(municipality.departments.values_list("code", flat=True)),
        agencies=set(municipality.agencies.values_list("code", flat=True)),
    )
    if problems:
        raise DefinitionError(problems)
    fields = {name: document.get(name, "") for name in CATALOGUE_FIELDS}
    fields["expected_days"] = int(document.get("expected_days") or 0)
    fields["required_documents"] = document.get("documents", [])
    service, _ = Service.objects.update_or_create(
        municipality=municipality, key=document["key"], defaults=fields
    )
    digest = checksum(document)
    latest = service.definitions.order_by("-version").first()
    if latest is not None and latest.checksum == digest:
        return latest
    version = (service.definitions.aggregate(v=Max("version"))["v"] or 0) + 1
    return ProcessDefinition.objects.create(
        service=service, version=version, definition=document, checksum=digest
    )


@transaction.atomic
def definition_publish(*, definition: ProcessDefinition) -> ProcessDefinition:
    """Make `definition` the version new cases use; the previously published one retires
    (its running cases keep it). Publishing also publishes the catalogue entry."""
    definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if definition.status == ProcessDefinition.Status.PUBLISHED:
        return definition
    if definition.status == ProcessDefinition.Status.RETIRED:
        raise DomainError(
            "نسخهٔ بازنشسته دوباره منتشر نمی‌شود؛ آن را دوباره بارگذاری کنید.",
            message_en="A retired version cannot be published again; load it again.",
            code="definition_retired",
        )
    ProcessDefinition.objects.filter(
        service_id=definition.service_id, status=ProcessDefinition.Status.PUBLISHED
    ).update(status=ProcessDefinition.Status.RETIRED)
    definition.status = ProcessDefinition.Status.PUBLISHED
    definition.published_at = clock.now()
    definition.save(update_fields=["status", "published_at"])
    service = Service.objects.select_for_update().get(pk=definition.service_id)
    if not service.is_published:
        service.is_published = True
        service.save(update_fields=["is_published"])
    definition.service = service
    return definition


def published_definition(service: Service) -> ProcessDefinition:
    """The version a new case of `service` starts with (DomainError if none)."""
    definition = service.definitions.filter(status=ProcessDefinition.Status.PUBLISHED).first()
    if definition is None or not service.is_published:
        raise DomainError(
            "این خدمت در حال حاضر درخواست نمی‌پذیرد.",
            message_en="This service is not accepting applications.",
            code="service_unavailable",
        )
    return definition
