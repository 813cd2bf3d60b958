"""POST /requests: turn an Open311 form into a ReportInput for THE intake service.

Everything is validated before `report_create` runs (attributes, media URL, uploaded
files), and report_create itself stores nothing on error, so a refused request leaves
no partial record and no file behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.http import QueryDict

from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.tenancy.models import Municipality

from .attributes import clean_answers
from .errors import bad_request
from .models import ApiClient
from .params import Params
from .selectors import service_for

MAX_MEDIA_URL = 500
_url_validator = URLValidator(schemes=["http", "https"])


def _coordinates(params: Params) -> tuple[float, float]:
    lat = params.number("lat", low=-90, high=90)
    lon = params.number("long", low=-180, high=180)
    if lat is None and lon is None:
        # The spec lets a server require lat/long; district and deadline depend on them.
        raise bad_request(
            "lat and long are required (address_string or address_id alone is not enough).",
            "مختصات مکان (lat و long) الزامی است.",
        )
    if lat is None or lon is None:
        raise bad_request(
            "lat and long must be given together.", "طول و عرض جغرافیایی باید با هم بیایند."
        )
    return lat, lon


def _media_url(params: Params) -> str:
    url = params.text("media_url", max_length=MAX_MEDIA_URL)
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            raise bad_request(
                "media_url must be an absolute http(s) URL.", "نشانی رسانه نامعتبر است."
            ) from None
    return url


def request_create(
    *,
    client: ApiClient,
    municipality: Municipality,
    form: QueryDict,
    params: Params,
    uploads: Sequence[UploadedFile[bytes]],
) -> Report:
    """Create the report a third-party app POSTed; raise Open311Error or DomainError."""
    service_code = params.text("service_code", max_length=64)
    if not service_code:
        raise bad_request("service_code is required.", "کد خدمت (service_code) الزامی است.")
    category = service_for(municipality, service_code)
    lat, lon = _coordinates(params)
    answers = clean_answers(category, form)
    media_url = _media_url(params)
    name = " ".join(part for part in (params.text("first_name"), params.text("last_name")) if part)
    files = prepare_attachments(uploads)
    return report_create(
        data=ReportInput(
            municipality=municipality,
            category_code=category.code,
            description=params.raw("description"),
            channel=Channel.API,
            lat=lat,
            lon=lon,
            address=params.text("address_string"),
            reporter_name=name,
            reporter_phone=params.text("phone", max_length=40),
            external_app=client.name,
            attachments=files,
            media_url=media_url,
            attribute_values=answers,
        ),
        actor=None,
    )
