"""Input and output schemas of REST API v1. Public schemas carry no personal data."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from shahrvand.reports.workflow import Status


class MunicipalityOut(Schema):
    slug: str
    name_fa: str
    name_en: str


class HolidayOut(Schema):
    date: str = Field(
        ..., description="Jalali date, YYYY-MM-DD (ASCII digits)", examples=["1405-01-01"]
    )
    gregorian: dt.date
    name_fa: str
    name_en: str = ""
    kind: Literal["official-solar", "official-lunar", "province", "local"]
    source: str
    estimated: bool = Field(
        False,
        description="A lunar holiday the official calendar has not yet published: counted in "
        "mean lunar months, it may move by one day when announced.",
    )


class HolidaysOut(Schema):
    municipality: str
    year: int = Field(..., description="Jalali year")
    lunar_data: bool = Field(
        ...,
        description="Whether the built-in lunar holiday data covers this year (1403–1410 "
        "today); without it only the solar, province and local days are listed.",
    )
    holidays: list[HolidayOut]


class CategoryOut(Schema):
    code: str
    name_fa: str
    name_en: str
    standard_code: str
    parent_code: str | None = None
    responsible: str = ""


class EventOut(Schema):
    kind: str
    status: str | None = None
    status_label: str | None = None
    note: str = ""
    at: dt.datetime


class PhotoOut(Schema):
    url: str
    thumbnail_url: str | None = None
    stage: str


class ReportIn(Schema):
    municipality: str = Field(..., description="municipality slug, e.g. tehran")
    category: str = Field(..., description="local category code (service_code)")
    description: str = Field(..., max_length=4000)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    district: int | None = Field(None, description="district number, when no coordinates")
    address: str = Field("", max_length=400)
    reporter_name: str = Field("", max_length=120)
    reporter_phone: str = Field("", max_length=20)
    channel: Literal["app", "web", "api"] = "app"


class ReportCreatedOut(Schema):
    tracking_code: str
    status: str
    deadline: dt.datetime | None
    reporter_secret: str = Field(
        ...,
        description="The reporter's proof, given only in this answer: send it in the "
        "X-Reporter-Secret header to give feedback or add attachments. Keep it private.",
    )


class PublicReportOut(Schema):
    tracking_code: str
    municipality: str
    is_public: bool = Field(
        True, description="false: staff withheld the report; only its status is shown"
    )
    status: str
    status_label: str
    category: CategoryOut
    district: str
    address: str
    lat: float | None
    lon: float | None
    description: str
    responsible: str
    created_at: dt.datetime
    updated_at: dt.datetime
    deadline: dt.datetime | None
    photos: list[PhotoOut]
    timeline: list[EventOut]


class FeedbackIn(Schema):
    accepted: bool
    rating: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=2000)


class StaffReportOut(Schema):
    tracking_code: str
    municipality: str
    status: str
    priority: str
    channel: str
    category: str
    standard_code: str
    district: int
    address: str
    lat: float | None
    lon: float | None
    description: str
    is_public: bool = True
    reporter_name: str
    reporter_phone: str
    assigned_department: str | None
    assigned_agency: str | None
    duplicate_of: str | None
    deadline: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class StaffReportDetailOut(StaffReportOut):
    history: list[EventOut]
    allowed_statuses: list[str]


class StatusIn(Schema):
    to_status: Status
    note: str = Field("", max_length=4000)
    public: bool = True
    duplicate_of: str | None = None


class AssignIn(Schema):
    department: str | None = Field(None, description="department code")
    agency: str | None = Field(None, description="outside agency code")
    note: str = Field("", max_length=1000)


class NoteIn(Schema):
    note: str = Field(..., max_length=4000)
    public: bool = False


class CategoryIn(Schema):
    category: str = Field(..., description="local category code")
    note: str = Field("", max_length=1000)


class LocationIn(Schema):
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


class VisibilityIn(Schema):
    public: bool = Field(..., description="false withdraws the report from every public channel")
    note: str = Field("", max_length=1000)


class MergeIn(Schema):
    children: list[str] = Field(..., min_length=1, max_length=50)
    note: str = Field("", max_length=1000)
