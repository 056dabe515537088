"""TLS: a certificate the client cannot verify is refused in plain words, never bypassed; the
unit's own CA, given as a bundle, is trusted."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import SyncClient
from sync.errors import CertificateProblem
from sync.server.ingest import DEMO_PASSWORD
from tests.sync.conftest import Platform, _platform


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _make_pki(folder: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("CreditDesk 测试 CA"))
        .issuer_name(_name("CreditDesk 测试 CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, Path]]:
    tmp = tmp_path_factory.mktemp("tls")
    ca, cert, key = _make_pki(tmp)
    args = ("--ssl-certfile", str(cert), "--ssl-keyfile", str(key))
    for p in _platform("sqlite", tmp, extra_args=args, ca_bundle=ca):
        yield p, ca


def test_unverifiable_certificate_is_refused_in_words(tls: tuple[Platform, Path], tmp_path: Path) -> None:
    platform, _ = tls
    url = platform.base
    with pytest.raises(CertificateProblem) as exc:
        SyncClient(tmp_path).login(url, "huaxian", DEMO_PASSWORD)
    reason = exc.value.reason
    assert "证书" in reason and "不会跳过证书验证" in reason and "CA 证书文件" in reason


def test_the_units_own_ca_bundle_is_trusted(tls: tuple[Platform, Path], tmp_path: Path) -> None:
    platform, ca = tls
    url = platform.base
    client = SyncClient(tmp_path)
    signed = client.login(url, "huaxian", DEMO_PASSWORD, ca_bundle=str(ca))
    assert signed.user.name == "huaxian" and client.account.ca_bundle == str(ca)
    assert SyncClient(tmp_path).token()  # the bundle is remembered for the next run
