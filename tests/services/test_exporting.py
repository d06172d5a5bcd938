"""Exports: confidentiality line, chosen path only, no overwrite, owner-only, audited, text as data."""

from __future__ import annotations

import io
import stat

import pytest
from pypdf import PdfReader

from people import audit_actions, user
from tui.hostile import CORPUS
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
    text = "\n".join(_pdf_pages(DOC)) if fmt is ExportFormat.PDF else render(DOC, fmt).decode("utf-8")
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert text.count("VERTROUWELIJK") == 2 and "tweede" in text


def test_markdown_escapes_what_would_be_markup():
    text = render(DOC, ExportFormat.MARKDOWN).decode()
    assert r"\[@click=app\.quit\]x\[/\]" in text and r"\(haakjes\)" in text


ACCENTED = "Zoë Ğülşen Çelik, Jiří Dvořák, Ægir Ørsted, Łucja Żółć, Ελένη, Ярослав"
LONG_NOTE = " ".join(f"verspreiden{i} onderwijsinstelling{i}" for i in range(100))  # > 2000 characters


def _pdf_pages(document: Document) -> list[str]:
    reader = PdfReader(io.BytesIO(render(document, ExportFormat.PDF)))
    return [page.extract_text() for page in reader.pages]


def test_pdf_keeps_every_character_and_every_word_whole():
    hostile = dict(CORPUS)["combining"] + " " + dict(CORPUS)["bidi-isolate"]
    document = Document(f"Verslag {ACCENTED}", [Section("Toelichting", [ACCENTED, hostile, LONG_NOTE])])
    assert len(LONG_NOTE) > 2000
    text = "\n".join(_pdf_pages(document))
    words = set(text.replace(",", "").split())
    assert "?" not in text
    for word in (ACCENTED + " " + LONG_NOTE).replace(",", "").split():
        assert word in words, word  # whole: never split over two lines
    assert "\u202e" not in text and "\u2066" not in text  # bidi controls removed, the letters kept
    assert "Jan" in words


def test_pdf_has_the_confidentiality_line_and_the_page_number_on_every_page():
    document = Document("Lang", [Section("Regels", [f"regel {i} ë" for i in range(150)])])
    pages = _pdf_pages(document)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert flat.count("VERTROUWELIJK") == 2, number  # top and bottom
        assert f"Pagina {number} van {len(pages)}" in flat


def test_a_table_is_a_table_in_every_format():
    rows = [("Criterium", "Standpunt"), ("Dreiging", "Zorgelijk"), ("Beschermend netwerk", "Aanwezig")]
    document = Document("Tabel", [Section("Criteria", ["Inleiding"], rows)])
    assert "Beschermend netwerk  Aanwezig" in render(document, ExportFormat.TEXT).decode()
    assert "| Dreiging | Zorgelijk |" in render(document, ExportFormat.MARKDOWN).decode()
    flat = " ".join(" ".join(_pdf_pages(document)).split())
    assert "Criterium" in flat and "Beschermend netwerk" in flat and "Zorgelijk" in flat


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
