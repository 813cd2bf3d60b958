"""Per-municipality signing keys: made for demos, installed for production, stored
encrypted outside the repository, and checked by `check --deploy`."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.core.management.base import CommandError

from shahrvand.eservices.checks import certificate_signing
from shahrvand.eservices.signing import key_pair, signer_for
from shahrvand.tenancy.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def signing_dir(settings: Any, tmp_path: Path) -> Path:
    settings.SHAHRVAND_SIGNING_DIR = tmp_path / "signing"
    settings.SHAHRVAND_SIGNING_KEY_PASSPHRASE = "a passphrase from the environment"
    return Path(settings.SHAHRVAND_SIGNING_DIR)


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_signing_key_makes_an_encrypted_pair_once(ecity: Municipality) -> None:
    assert "ecity: created" in _run("create_signing_key", "--municipality", "ecity")
    pair = key_pair(ecity)
    key_pem = pair.key.read_bytes()
    assert key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert pair.key.stat().st_mode & 0o777 == 0o600
    with pytest.raises(TypeError):  # encrypted: unreadable without the passphrase
        serialization.load_pem_private_key(key_pem, password=None)
    cert = x509.load_pem_x509_certificate(pair.cert.read_bytes())
    assert cert.subject == cert.issuer  # self-signed: a demo key
    first = pair.cert.read_bytes()
    assert "ecity: kept" in _run("create_signing_key", "--municipality", "ecity")
    assert pair.cert.read_bytes() == first
    _run("create_signing_key", "--municipality", "ecity", "--replace")
    assert pair.cert.read_bytes() != first
    assert signer_for(ecity).signing_cert is not None  # readable with the passphrase


def _real_pair(tmp_path: Path, passphrase: bytes) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Municipality of ecity")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "city.key", tmp_path / "city.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def test_install_signing_key_takes_a_real_key(
    ecity: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, cert_file = _real_pair(tmp_path, b"from the CA")
    monkeypatch.setenv("CITY_KEY_PASS", "from the CA")
    out = _run(
        "install_signing_key",
        "--municipality=ecity",
        f"--key={key_file}",
        f"--cert={cert_file}",
        "--key-passphrase-env=CITY_KEY_PASS",
    )
    assert "ecity: installed" in out
    assert key_pair(ecity).cert.read_bytes() == cert_file.read_bytes()
    # Re-encrypted with this installation's passphrase, not the CA's.
    assert serialization.load_pem_private_key(
        key_pair(ecity).key.read_bytes(), password=b"a passphrase from the environment"
    )


def test_a_key_that_does_not_match_its_certificate_is_refused(
    ecity: Municipality, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    key_file, _ = _real_pair(tmp_path / "a", b"x")
    _, other_cert = _real_pair(tmp_path / "b", b"x")
    monkeypatch.setenv("CITY_KEY_PASS", "x")
    with pytest.raises(CommandError, match="does not match"):
        call_command(
            "install_signing_key",
            "--municipality=ecity",
            f"--key={key_file}",
            f"--cert={other_cert}",
            "--key-passphrase-env=CITY_KEY_PASS",
            stdout=StringIO(),
        )
    assert not key_pair(ecity).exists()


def test_deploy_check_warns_about_demo_keys_and_a_missing_passphrase(settings: Any) -> None:
    settings.SHAHRVAND_SIGNING_DEMO_KEYS = True
    settings.SHAHRVAND_SIGNING_KEY_PASSPHRASE = ""
    assert [m.id for m in certificate_signing(None)] == ["shahrvand.W020", "shahrvand.W021"]
    settings.SHAHRVAND_SIGNING_DEMO_KEYS = False
    settings.SHAHRVAND_SIGNING_KEY_PASSPHRASE = "set"
    assert certificate_signing(None) == []
