"""Iranian phone numbers in any of the ways people write them end up in one national form."""

from __future__ import annotations

import pytest

from shahrvand.common.persian import mask_phone, normalize_mobile, normalize_phone

MOBILE = "09123456789"


@pytest.mark.parametrize(
    "raw",
    [
        "09123456789",
        "+989123456789",
        "00989123456789",
        "989123456789",
        "9123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "۰۹۱۲ ۳۴۵ ۶۷ ۸۹",
        "+98 912 345 6789",
        "0912-345-6789",
        "(0912) 345 6789",
        " 0912\u00a0345\u00a06789 ",
    ],
)
def test_mobile_variants_normalise_to_national_form(raw):
    assert normalize_mobile(raw) == MOBILE
    assert normalize_phone(raw) == MOBILE


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "0912345678",  # one digit short
        "091234567890",  # one digit long
        "08123456789",  # not a mobile prefix
        "+1 912 345 6789",
        "+98 0912 345 6789",  # trunk zero after the country code
        "0912abc6789",
        "۰۹۱۲۳۴۵۶۷۸",
    ],
)
def test_not_a_mobile_is_rejected(raw):
    assert normalize_mobile(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "02188776655",
        "021 8877 6655",
        "021-88776655",
        "+982188776655",
        "00982188776655",
        "۰۲۱۸۸۷۷۶۶۵۵",
    ],
)
def test_landline_variants_normalise_for_normalize_phone_only(raw):
    assert normalize_phone(raw) == "02188776655"
    assert normalize_mobile(raw) is None


@pytest.mark.parametrize(
    "raw",
    ["", "137", "2188776655", "0218877665", "021887766550", "00212345678", "phone", "+9821"],
)
def test_not_a_phone_is_rejected(raw):
    assert normalize_phone(raw) is None


def test_mask_keeps_prefix_and_last_two_digits():
    masked = mask_phone(MOBILE)
    assert masked == "0912*****89"
    assert len(masked) == len(MOBILE)
    assert "345" not in masked
    assert mask_phone("02188776655") == "0218*****55"


def test_mask_of_a_short_value_hides_everything():
    assert mask_phone("12345") == "*****"
    assert mask_phone("") == ""
