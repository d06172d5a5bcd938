"""Exports: confidentiality line, chosen path only, no overwrite, owner-only, audited, text as data."""

from __future__ import annotations

import re
import stat

import pytest

from people import audit_actions, user
from pgatui.errors import UsageError
from pgatui.services.exporting import CONFIDENTIAL, Document, ExportFormat, Section, render, write_export
from pgatui.services.session import Session

HOSTILE = "Naam [@click=app.quit]x[/] \x1b[2J\x1b]52;c;aGk=\x07 \u202eomgekeerd (haakjes) \\ ë"
DOC = Document("Verslag PGA-2026-00001", [Section("Besluiten", [HOSTILE, "tweede\nregel"])])


@pytest.fixture
def gemeente(vault_path):
    session = Session(user(vault_path, "gea", "gemeente", "Gemeente Test"))
    yield session
    session.vault.close()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_carries_the_confidentiality_line_and_no_control_characters(fmt):
    data = render(DOC, fmt)
    assert b"\x1b" not in data and "\u202e".encode() not in data and b"\x07" not in data
    if fmt is not ExportFormat.PDF:
        text = data.decode("utf-8")
        assert text.count("VERTROUWELIJK") == 2 and "tweede" in text


def test_markdown_escapes_what_would_be_markup():
    text = render(DOC, ExportFormat.MARKDOWN).decode()
    assert r"\[@click=app\.quit\]x\[/\]" in text and r"\(haakjes\)" in text


def test_pdf_is_well_formed_with_a_correct_cross_reference_table():
    long_doc = Document("Lang", [Section("Regels", [f"regel {i} ë" for i in range(150)])])
    data = render(long_doc, ExportFormat.PDF)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref_at:].startswith(b"xref")
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert b"/Count 3" in data  # 150 lines and headers over 60-line pages
    assert b"regel 149 \xeb" in data  # Dutch letters in WinAnsi
    assert b"(haakjes)" not in render(DOC, ExportFormat.PDF)  # parentheses escaped in PDF strings


def test_write_export_is_owner_only_audited_and_never_overwrites(gemeente, tmp_path):
    target = write_export(gemeente, DOC, tmp_path / "verslag.txt", action="weighing.export", object_id="weighing:1")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith(CONFIDENTIAL)
    with pytest.raises(UsageError, match="bestaat al"):
        write_export(gemeente, DOC, target, action="weighing.export")
    with pytest.raises(UsageError, match=".txt, .md of .pdf"):
        write_export(gemeente, DOC, tmp_path / "verslag.docx", action="weighing.export")
    with pytest.raises(UsageError, match="map"):
        write_export(gemeente, DOC, tmp_path / "nergens" / "x.txt", action="weighing.export")
    assert audit_actions(gemeente).count("weighing.export:ok") == 1
    log = " ".join(str(r) for r in gemeente.vault.conn.execute("SELECT * FROM audit_log"))
    assert "verslag" not in log
