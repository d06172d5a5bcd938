"""Issue 17, bullets 4 and 9: bytes that are not UTF-8 are a usage error; every failure is one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cliutil import as_admin, one_line_error
from helpers import ADMIN, ADMIN_PW


def _run(*args: bytes | str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run([sys.executable, "-m", "pgatui", *args], input=stdin, capture_output=True,
                          timeout=300, env=env)


def _one_line(result) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], result.stderr
    return lines[0]


def test_init_on_a_non_utf8_path_is_a_usage_error_and_creates_nothing(tmp_path):
    target = os.fsencode(tmp_path) + b"/kluis-\xff.pgavault"
    result = _run(b"init", target, b"--admin", b"bea", b"--password-stdin", stdin=b"beheerder-wachtzin\n")
    assert result.returncode == 2 and "UTF-8" in _one_line(result)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("where", ["organisation", "password"])
def test_init_with_non_utf8_input_creates_nothing(tmp_path, where):
    organisation = b"Gemeente \xe9\xff" if where == "organisation" else b"Gemeente"
    password = b"beheerder-\xff\xfe-wachtzin\n" if where == "password" else b"beheerder-wachtzin\n"
    result = _run(b"init", os.fsencode(tmp_path / "k.pgavault"), b"--admin", b"bea", b"--organisation", organisation,
                  b"--password-stdin", stdin=password)
    assert result.returncode == 2 and "UTF-8" in _one_line(result)
    assert os.listdir(tmp_path) == []


def test_non_utf8_login_or_password_on_an_existing_vault_is_a_usage_error(vault_path):
    login = _run(b"verify", os.fsencode(vault_path), b"--as", b"an\xffna", b"--password-stdin", stdin=b"x\n")
    assert login.returncode == 2 and "UTF-8" in _one_line(login)
    password = _run(b"verify", os.fsencode(vault_path), b"--as", ADMIN.encode(), b"--password-stdin",
                    stdin=ADMIN_PW.encode() + b"\xff\n")
    assert password.returncode == 2 and "UTF-8" in _one_line(password)
    assert as_admin("verify", vault_path).returncode == 0


def _damage_pages(data_db, count: int) -> None:
    data = bytearray(data_db.read_bytes())
    pages = len(data) // 4096
    for page in range(pages // 2 - count // 2, pages // 2 + count // 2):
        for i in range(200, 260):
            data[page * 4096 + i] ^= 0x5A
    data_db.write_bytes(bytes(data))


def test_a_damaged_vault_is_one_short_summary_line_and_details_only_with_verify(vault_path):
    from pgatui.services.seed import seed_vault
    from pgatui.services.session import Session
    from pgatui.vault import open_vault

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        seed_vault(Session(vault), 400, seed=1)
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_pages(vault_path / "data.db", 20)
    result = as_admin("verify", vault_path)
    line = one_line_error(result)
    assert result.returncode == 4 and len(line) < 400 and "problemen" in line
    details = [row for row in result.stdout.splitlines() if row.startswith("probleem: ")]
    assert len(details) > 1  # the details are there, on stdout, one per line
