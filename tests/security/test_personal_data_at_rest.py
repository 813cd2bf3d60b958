"""Phone numbers are stored encrypted, found through the blind index, and shown masked."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from shahrvand.notifications.rules import citizen_phones
from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.selectors import reports_of_caller
from shahrvand.reports.services.follow import report_follow
from shahrvand.security import pii
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def test_reporter_phone_is_ciphertext_in_the_database(city, pothole):
    report = reports_factories.report(city, pothole, reporter_phone="09121234567")
    stored = _raw("reports_report", "reporter_phone", report.pk)
    assert "09121234567" not in stored and stored.startswith("gAAAAA")
    assert Report.objects.get(pk=report.pk).reporter_phone == "09121234567"
    index = _raw("reports_report", "reporter_phone_index", report.pk)
    assert index == pii.blind_index("09121234567") and len(index) == 64


def test_follower_phone_is_ciphertext_and_followed_once(city, pothole):
    report = reports_factories.report(city, pothole)
    report_follow(report=report, phone="۰۹۱۲ ۳۳۳ ۴۴۵۵")
    report_follow(report=report, phone="+989123334455")  # the same number, once
    follower = ReportFollower.objects.get(report=report)
    assert "4455" not in _raw("reports_reportfollower", "phone", follower.pk)
    assert follower.phone == "09123334455"


def test_caller_history_finds_reports_by_phone(city, pothole):
    operator = tenancy_factories.staff(city, Role.OPERATOR)
    old = reports_factories.report(city, pothole, reporter_phone="09121112233")
    reports_factories.report(city, pothole, reporter_phone="09350000000")
    assert reports_of_caller(operator, "0912 111 2233") == [old]


def test_sms_recipients_are_decrypted_for_sending(city, pothole):
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    ReportFollower.objects.create(report=report, phone="09350001122")
    assert citizen_phones(report) == ["09121112233", "09350001122"]


def test_key_rotation_keeps_data_readable(city, pothole, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SHAHRVAND_PII_KEYS = [old_key]
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    settings.SHAHRVAND_PII_KEYS = [new_key, old_key]  # new key first, old one still decrypts
    assert Report.objects.get(pk=report.pk).reporter_phone == "09121112233"
    call_command("rotate_pii", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.SHAHRVAND_PII_KEYS = [new_key]  # the old key is gone
    assert Report.objects.get(pk=report.pk).reporter_phone == "09121112233"


def test_unknown_key_fails_loudly(city, pothole, settings):
    settings.SHAHRVAND_PII_KEYS = [Fernet.generate_key().decode()]
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    settings.SHAHRVAND_PII_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(Exception, match="unknown key"):
        Report.objects.get(pk=report.pk)


def test_data_migration_encrypts_legacy_clear_rows(city, pothole):
    """Rows written in clear before 0009 are read as they are, then encrypted in place."""
    report = reports_factories.report(city, pothole)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_report SET reporter_phone = %s, reporter_phone_index = ''"
            " WHERE id = %s",
            ["09127778899", report.pk],
        )
    assert Report.objects.get(pk=report.pk).reporter_phone == "09127778899"  # legacy read
    from importlib import import_module

    from django.apps import apps

    migration = import_module("shahrvand.reports.migrations.0009_encrypt_phones")
    migration.encrypt_existing(apps, None)
    assert _raw("reports_report", "reporter_phone", report.pk).startswith("gAAAAA")
    assert Report.objects.get(pk=report.pk).reporter_phone == "09127778899"
    assert Report.objects.filter(reporter_phone_index=pii.blind_index("09127778899")).exists()


def _messages_to(report):
    from shahrvand.notifications import delivery
    from shahrvand.notifications.models import Message

    delivery.fan_out()
    return list(Message.objects.filter(report=report, channel="sms"))


def test_message_recipients_are_ciphertext_and_keys_carry_no_number(city, pothole):
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    (message,) = _messages_to(report)
    stored = _raw("notifications_message", "recipient", message.pk)
    assert "2233" not in stored and stored.startswith("gAAAAA")
    assert message.recipient == "09121112233"  # decrypted for the SMS provider
    assert message.recipient_index == pii.blind_index("09121112233")
    assert "2233" not in _raw("notifications_message", "dedupe_key", message.pk)


def test_inbound_sms_sender_is_ciphertext(city, pothole):
    from shahrvand.notifications.models import InboundSms
    from shahrvand.notifications.replies import receive_sms

    inbound = receive_sms(
        provider="test", message_id="m-1", sender="09121112233", receiver="", text="1"
    )
    assert "2233" not in _raw("notifications_inboundsms", "sender", inbound.pk)
    assert InboundSms.objects.get(pk=inbound.pk).sender == "09121112233"


def test_rotation_reencrypts_message_recipients(city, pothole, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SHAHRVAND_PII_KEYS = [old_key]
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    (message,) = _messages_to(report)
    settings.SHAHRVAND_PII_KEYS = [new_key, old_key]
    call_command("rotate_pii", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.SHAHRVAND_PII_KEYS = [new_key]
    from shahrvand.notifications.models import Message

    assert Message.objects.get(pk=message.pk).recipient == "09121112233"


def test_notifications_migration_encrypts_legacy_rows_and_keys(city, pothole):
    """Rows written in clear before notifications 0003 are encrypted and indexed in place,
    and an event message's dedupe key gets the index instead of the number."""
    report = reports_factories.report(city, pothole, reporter_phone="09121112233")
    (message,) = _messages_to(report)
    legacy_key = f"{message.event_id}:sms:09121112233"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE notifications_message SET recipient = %s, recipient_index = '',"
            " dedupe_key = %s WHERE id = %s",
            ["09121112233", legacy_key, message.pk],
        )
    from importlib import import_module

    from django.apps import apps

    from shahrvand.notifications.models import Message

    migration = import_module("shahrvand.notifications.migrations.0003_encrypt_recipients")
    migration.encrypt_existing(apps, None)
    assert _raw("notifications_message", "recipient", message.pk).startswith("gAAAAA")
    again = Message.objects.get(pk=message.pk)
    assert again.recipient == "09121112233"
    assert again.recipient_index == pii.blind_index("09121112233")
    assert again.dedupe_key == f"{message.event_id}:sms:{pii.blind_index('09121112233')}"


def test_citizen_account_and_lock_numbers_are_ciphertext(db):
    from shahrvand.identity.models import CitizenAccount, PhoneLock

    account = CitizenAccount.objects.create(phone="09121112233")
    lock = PhoneLock.objects.create(phone="09121112233")
    for table, pk in (("identity_citizenaccount", account.pk), ("identity_phonelock", lock.pk)):
        stored = _raw(table, "phone", pk)
        assert "2233" not in stored and stored.startswith("gAAAAA")
        assert _raw(table, "phone_index", pk) == pii.blind_index("09121112233")
    found = CitizenAccount.objects.get(phone_index=pii.blind_index("09121112233"))
    assert found.phone == "09121112233"


def test_one_time_code_challenge_number_is_ciphertext(db, settings, tmp_path):
    from shahrvand.identity.services import otp_request

    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "sms.log"
    challenge = otp_request(phone_raw="۰۹۱۲ ۱۱۱ ۲۲۳۳", ip=None)
    assert "2233" not in _raw("identity_otpchallenge", "phone", challenge.pk)
    assert challenge.phone == "09121112233"


def test_applicant_and_payer_numbers_are_ciphertext_and_my_cases_finds_them(db):
    from shahrvand.eservices.citizen.selectors import cases_of
    from shahrvand.identity.models import CitizenAccount
    from shahrvand.payments.models import Payment
    from tests.eservices.helpers import city_with_units, published_service, submit_permit

    case = submit_permit(published_service(city_with_units()))
    stored = _raw("eservices_case", "applicant_phone", case.pk)
    assert "4567" not in stored and stored.startswith("gAAAAA")
    account = CitizenAccount.objects.create(phone="09121234567")
    assert list(cases_of(account)) == [case]
    assert list(cases_of(CitizenAccount.objects.create(phone="09350000000"))) == []
    payment = Payment.objects.create(
        reference=f"case:{case.pk}",
        description="fee",
        amount=1000,
        payer_mobile="09121234567",
        provider="sandbox",
        expires_at=case.submitted_at,
    )
    assert "4567" not in _raw("payments_payment", "payer_mobile", payment.pk)
    assert Payment.objects.get(pk=payment.pk).payer_mobile == "09121234567"


def test_identity_migration_encrypts_legacy_rows(db):
    from importlib import import_module

    from django.apps import apps

    from shahrvand.identity.models import CitizenAccount

    account = CitizenAccount.objects.create(phone="09121112233")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE identity_citizenaccount SET phone = %s, phone_index = '' WHERE id = %s",
            ["09121112233", account.pk],
        )
    assert CitizenAccount.objects.get(pk=account.pk).phone == "09121112233"  # legacy read
    migration = import_module("shahrvand.identity.migrations.0002_encrypt_phones")
    migration.encrypt_existing(apps, None)
    assert _raw("identity_citizenaccount", "phone", account.pk).startswith("gAAAAA")
    assert CitizenAccount.objects.get(phone_index=pii.blind_index("09121112233")).pk == account.pk


def test_rotation_covers_every_encrypted_field(city, pothole, settings):
    from shahrvand.identity.models import CitizenAccount
    from tests.eservices.helpers import city_with_units, published_service, submit_permit

    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SHAHRVAND_PII_KEYS = [old_key]
    account = CitizenAccount.objects.create(phone="09121112233")
    case = submit_permit(published_service(city_with_units()))
    settings.SHAHRVAND_PII_KEYS = [new_key, old_key]
    call_command("rotate_pii", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.SHAHRVAND_PII_KEYS = [new_key]  # the old key is gone: all was re-encrypted
    assert CitizenAccount.objects.get(pk=account.pk).phone == "09121112233"
    from shahrvand.eservices.models import Case

    assert Case.objects.get(pk=case.pk).applicant_phone == "09121234567"
