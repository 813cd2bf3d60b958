"""PAdES signatures with the municipality's key, so a certificate verifies offline.

Each municipality has its own signing key and X.509 certificate in
SHAHRVAND_SIGNING_DIR/<slug>/: `key.pem` (PKCS#8, encrypted with
SHAHRVAND_SIGNING_KEY_PASSPHRASE, or in development a passphrase derived from
SECRET_KEY), `cert.pem` and, for a certificate issued by a CA, `chain.pem` (the
intermediates, embedded in every signature). Keys never live in the repository or the
database. `manage.py create_signing_key` makes a self-signed pair for development and
demos; `manage.py install_signing_key` installs a real one (docs/operations.md). With
SHAHRVAND_SIGNING_DEMO_KEYS on (development and tests) a missing pair is created on
first use; in production a missing key refuses to issue an unsigned certificate.

The signature is a certification signature (DocMDP: no changes allowed) with the
PAdES subfilter (ETSI.CAdES.detached) and SHA-256; its byte range covers the whole file
except the signature value itself. The signing time is when it is signed (the first
download); the certificate file is kept, so later downloads return the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier
from django.conf import settings
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import Municipality

log = logging.getLogger(__name__)

# id-kp-documentSigning (RFC 9336): the key signs documents, not TLS or code.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
KEY_FILE, CERT_FILE, CHAIN_FILE = "key.pem", "cert.pem", "chain.pem"


class SigningKeyMissing(DomainError):
    """The municipality has no signing key installed; nothing unsigned is issued."""

    code = "signing_key_missing"


@dataclass(frozen=True)
class KeyPair:
    directory: Path

    @property
    def key(self) -> Path:
        return self.directory / KEY_FILE

    @property
    def cert(self) -> Path:
        return self.directory / CERT_FILE

    @property
    def chain(self) -> Path:
        return self.directory / CHAIN_FILE

    def exists(self) -> bool:
        return self.key.is_file() and self.cert.is_file()


def key_pair(municipality: Municipality) -> KeyPair:
    return KeyPair(Path(settings.SHAHRVAND_SIGNING_DIR) / municipality.slug)


def passphrase() -> bytes:
    """What the stored private keys are encrypted with."""
    configured = str(getattr(settings, "SHAHRVAND_SIGNING_KEY_PASSPHRASE", "") or "")
    if configured:
        return configured.encode()
    return hashlib.sha256(f"shahrvand-signing:{settings.SECRET_KEY}".encode()).hexdigest().encode()


def _store(
    pair: KeyPair,
    key: Any,
    cert_pem: bytes,
    chain_pem: bytes = b"",
    *,
    replace: bool,
) -> None:
    """Write key (encrypted), certificate and chain into a fresh directory, then move it in
    place in one step, so a reader never sees a key without its certificate."""
    pair.directory.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = pair.directory.parent / f".{pair.directory.name}.{secrets.token_hex(4)}"
    staging.mkdir(mode=0o700)
    try:
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase()),
        )
        descriptor = os.open(staging / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_pem)
        (staging / CERT_FILE).write_bytes(cert_pem)
        if chain_pem:
            (staging / CHAIN_FILE).write_bytes(chain_pem)
        if replace and pair.directory.exists():
            retired = pair.directory.parent / f".{pair.directory.name}.old.{secrets.token_hex(4)}"
            pair.directory.rename(retired)
            shutil.rmtree(retired)
        staging.rename(pair.directory)  # fails if another process got there first
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not pair.exists():
            raise


def create_demo_key(
    municipality: Municipality, *, days: int = 3650, replace: bool = False
) -> KeyPair:
    """A self-signed RSA-3072 key and certificate for `municipality` (development and
    demos: nobody else trusts it). Keeps an existing pair unless `replace`."""
    pair = key_pair(municipality)
    if pair.exists() and not replace:
        return pair
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ASCII only: X.509 name matching (stringprep) refuses Persian runs that end in a
    # neutral character, and the name is for machines; the PDF names the municipality.
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Municipality: {municipality.slug}"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Certificates (demo key)"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Shahrvand demo signer {municipality.slug}"),
        ]
    )
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _store(pair, key, cert.public_bytes(serialization.Encoding.PEM), replace=replace)
    log.warning("created a self-signed demo signing key for %s in %s", municipality.slug, pair)
    return pair


def install_key(
    municipality: Municipality,
    *,
    key_pem: bytes,
    cert_pem: bytes,
    chain_pem: bytes = b"",
    key_passphrase: bytes | None = None,
) -> KeyPair:
    """Install a real key and certificate (PEM) for `municipality`, re-encrypted with
    this installation's passphrase. Refuses a key that does not match the certificate."""
    key = serialization.load_pem_private_key(key_pem, password=key_passphrase)
    cert = x509.load_pem_x509_certificate(cert_pem)
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(
        serialization.Encoding.DER, public
    ) != cert.public_key().public_bytes(serialization.Encoding.DER, public):
        raise DomainError(
            "کلید خصوصی با گواهی (certificate) جور نیست.",
            message_en="The private key does not match the certificate.",
            code="signing_key_mismatch",
        )
    if chain_pem:
        x509.load_pem_x509_certificates(chain_pem)  # refuses what is not PEM certificates
    pair = key_pair(municipality)
    _store(pair, key, cert_pem, chain_pem, replace=True)
    return pair


def signer_for(municipality: Municipality) -> signers.SimpleSigner:
    """The municipality's signer; a demo pair is made first where that is allowed."""
    pair = key_pair(municipality)
    if not pair.exists():
        if not getattr(settings, "SHAHRVAND_SIGNING_DEMO_KEYS", False):
            raise SigningKeyMissing(
                f"کلید امضای شهرداری {municipality.name_fa} نصب نشده است؛ گواهی امضانشده "
                "صادر نمی‌شود.",
                message_en=f"No signing key is installed for {municipality.slug}; "
                "certificates are not issued unsigned (docs/operations.md).",
            )
        create_demo_key(municipality)
    key = load_private_key_from_pemder_data(pair.key.read_bytes(), passphrase=passphrase())
    (cert,) = load_certs_from_pemder_data(pair.cert.read_bytes())
    chain = []
    if pair.chain.is_file():
        chain = list(load_certs_from_pemder_data(pair.chain.read_bytes()))
    # pyhanko-certvalidator ships partial annotations; this constructor has none.
    registry = SimpleCertificateStore.from_certs([cert, *chain])  # type: ignore[no-untyped-call]
    return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=registry)


def signing_certificate_pem(municipality: Municipality) -> bytes:
    """The municipality's signing certificate (PEM), what a verifier adds as trusted."""
    signer_for(municipality)  # makes the demo pair where allowed, else refuses
    return key_pair(municipality).cert.read_bytes()


def sign_pdf(content: bytes, *, municipality: Municipality, reason: str) -> bytes:
    """`content` with the municipality's PAdES certification signature (signing time: now,
    when it is actually signed)."""
    meta = signers.PdfSignatureMetadata(
        field_name="MunicipalitySignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        reason=reason,
        location=f"شهرداری {municipality.name_fa}",
        name=f"شهرداری {municipality.name_fa}",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    output = signers.PdfSigner(meta, signer=signer_for(municipality)).sign_pdf(writer)
    return bytes(output.getvalue())


__all__ = [
    "KeyPair",
    "SigningKeyMissing",
    "create_demo_key",
    "install_key",
    "key_pair",
    "passphrase",
    "sign_pdf",
    "signer_for",
    "signing_certificate_pem",
]
