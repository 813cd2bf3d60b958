"""Formula injection: text that a spreadsheet would run (=, +, -, @, tab, CR first) is
written to every CSV and XLSX export as text with a leading quote; numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from shahrvand.analytics.exports.content import JalaliMonth
from shahrvand.analytics.exports.services import supervisory_report_generate
from shahrvand.analytics.services.rollup import build_all
from shahrvand.analytics.views.csvfile import csv_response
from shahrvand.common.spreadsheet import append_safe_row, safe_cell
from shahrvand.eservices.models import Case, CaseAudit
from shahrvand.eservices.selectors.audit import audit_csv
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "@SUM(A1)",
    "-2+3",
    "\t=1",
    "\r=1",
]


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _escaped_everywhere(rows: list[list[str]]) -> None:
    """No text cell of the file starts with a trigger (a number such as -1 may)."""
    cells = [cell for row in rows for cell in row if not _is_number(cell)]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_cell_quotes_text_that_starts_a_formula(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", [-3, -1.5, 0, 7, True, None, dt.date(2026, 1, 1)])
def test_safe_cell_leaves_numbers_and_dates_alone(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["چاله", "12-3", "a=b", "'already", ""])
def test_safe_cell_leaves_ordinary_text_alone(text):
    assert safe_cell(text) == text


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_staff_queue_csv_escapes_descriptions_and_addresses(client, city, pothole, payload):
    reports_factories.report(city, pothole, description=payload + " چاله", address=payload)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    response = client.get("/staff/queue/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = _read(body)
    _escaped_everywhere(rows)
    address = rows[0].index("نشانی")
    description = rows[0].index("شرح")
    stored = Report.objects.get()
    assert rows[1][address] == "'" + stored.address
    assert rows[1][description] == safe_cell(stored.description.replace("\n", " "))


def test_chart_csv_escapes_labels_but_keeps_negative_numbers():
    response = csv_response("x.csv", ["=label", "count"], [[p, -3] for p in PAYLOADS])
    rows = _read(response.content.decode("utf-8"))
    assert rows[0] == ["'=label", "count"]
    assert rows[1:] == [["'" + p, "-3"] for p in PAYLOADS]


@pytest.mark.django_db
def test_chart_csv_of_a_department_named_like_a_formula(client):
    city = tenancy_factories.municipality("tehran")
    dept = tenancy_factories.department(city, "civil")
    dept.name_fa = '=HYPERLINK("http://x","y")'
    dept.save()
    reports_factories.report(
        city, categories_factories.category(city, "pothole", "road", dept=dept)
    )
    build_all(municipality_ids=[city.pk])
    client.force_login(tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    response = client.get("/analytics/m/tehran/csv/league-table.csv")
    assert response.status_code == 200
    rows = _read(response.content.decode("utf-8"))
    _escaped_everywhere(rows)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


@pytest.mark.django_db
def test_open_data_csv_escapes_text_fields_and_json_stays_raw(client):
    city = tenancy_factories.municipality("sample")
    category = categories_factories.category(city, "bins", "waste")
    category.name_fa = "@SUM(A1)"
    category.save()
    report = reports_factories.report(city, category)
    Report.objects.filter(pk=report.pk).update(
        created_at=dt.datetime(2026, 11, 3, 10, tzinfo=TEHRAN)
    )
    query = "from=2026-11-01&to=2026-11-30"
    response = client.get(f"/open-data/sample/reports.csv?{query}")
    text = b"".join(response.streaming_content).decode("utf-8")
    records = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert records[0]["category"] == "'@SUM(A1)"
    _escaped_everywhere(_read(text))
    response = client.get(f"/open-data/sample/reports.json?{query}")
    data = b"".join(response.streaming_content).decode("utf-8")
    assert '"category": "@SUM(A1)"' in data  # a machine format: the value as it is


@pytest.mark.django_db
def test_eservice_audit_csv_escapes_reasons_and_actors():
    case = Case(tracking_code="123456789012")
    rows = [
        CaseAudit(
            case=case,
            actor_label=payload,
            action="step.decide",
            object_type="step",
            object_id=-1,
            reason=payload,
            at=dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC),
        )
        for payload in PAYLOADS
    ]
    parsed = _read(audit_csv(rows))
    _escaped_everywhere(parsed)
    header = parsed[0]
    for payload, row in zip(PAYLOADS, parsed[1:], strict=True):
        assert row[header.index("reason")] == "'" + payload
        assert row[header.index("actor")] == "'" + payload
        assert row[header.index("object_id")] == "-1"  # written from an int: a number


def test_xlsx_rows_store_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    append_safe_row(sheet, ["=1+1", -3, -2.5, "-2+3", dt.date(2026, 1, 1)])
    out = io.BytesIO()
    book.save(out)
    cells = load_workbook(io.BytesIO(out.getvalue())).active[1]  # type: ignore[index]
    assert [c.value for c in cells[:4]] == ["'=1+1", -3, -2.5, "'-2+3"]
    assert [c.data_type for c in cells[:4]] == ["s", "n", "n", "s"]


@pytest.mark.django_db
def test_supervisory_xlsx_never_holds_a_formula(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    city = tenancy_factories.municipality()
    category = categories_factories.category(
        city, "bins", "waste", dept=tenancy_factories.department(city, "cleaning")
    )
    category.department.name_fa = "-2+3"  # the department league's label column
    category.department.save()
    report = reports_factories.report(city, category)
    Report.objects.filter(pk=report.pk).update(
        created_at=dt.datetime(2026, 11, 3, 10, tzinfo=TEHRAN)
    )
    build_all(municipality_ids=[city.pk])
    archived = supervisory_report_generate(municipality=city, month=JalaliMonth(1405, 8))
    with archived.xlsx.open("rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'-2+3" in texts
