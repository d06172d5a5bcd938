"""Exports that leave the vault: the weighing record, minutes per partner, destruction reports.

An export is the one place where case data leaves the encryption, so every export goes through
here: a confidentiality line at the top and bottom, a file the user chose (never a default
location), owner-only permissions, an atomic write, and an audit event with ids only.

Formats by the file's suffix: .txt (plain text), .md (Markdown), .pdf (a small PDF of our own:
plain text lines in Courier, no fonts embedded, no dependency). Text is written as data: control
characters and bidi overrides are removed, Markdown special characters are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pgatui.domain.text import safe_line, safe_text
from pgatui.errors import UsageError
from pgatui.vault.files import write_atomic, write_new_file

CONFIDENTIAL = ("VERTROUWELIJK — persoonsgerichte aanpak. Alleen voor de geadresseerde; niet verder "
                "verspreiden. Vernietigen na gebruik.")
EXPORT_WARNING = ("Een export verlaat de versleutelde kluis: het bestand is NIET versleuteld. "
                  "Bewaar het alleen op een plek die daarvoor is goedgekeurd en vernietig het na gebruik.")


class ExportFormat(StrEnum):
    TEXT = "txt"
    MARKDOWN = "md"
    PDF = "pdf"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    sections: list[Section]


def format_for(path: Path) -> ExportFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        raise UsageError("export.suffix") from None


def render(document: Document, fmt: ExportFormat) -> bytes:
    if fmt is ExportFormat.PDF:
        return _pdf(_plain_lines(document))
    if fmt is ExportFormat.MARKDOWN:
        return _markdown(document).encode("utf-8")
    return "\n".join(_plain_lines(document)).encode("utf-8") + b"\n"


def write_export(session, document: Document, path: Path | str, *, action: str, object_id: str | None = None,
                 overwrite: bool = False) -> Path:
    """Write `document` to `path` (format by suffix) and audit `action` (ids only, never the path's
    content). Refuses to overwrite an existing file unless asked."""
    target = Path(path).expanduser()
    fmt = format_for(target)
    if not target.parent.is_dir():
        raise UsageError("export.no_folder")
    if target.exists() and not overwrite:
        raise UsageError("export.file_exists")
    with session.change(action, object_id):
        # Owner-only under a fresh temporary name (O_EXCL | O_NOFOLLOW): a symlink planted at
        # the temporary or the final name never receives the plaintext.
        (write_atomic if overwrite else write_new_file)(target, render(document, fmt))
    return target


# --- formats ---------------------------------------------------------------------------------------

def _plain_lines(document: Document) -> list[str]:
    lines = [CONFIDENTIAL, "", safe_line(document.title), "=" * min(len(document.title), 78), ""]
    for section in document.sections:
        lines += [safe_line(section.heading), "-" * min(len(section.heading), 78)]
        lines += [line for text in section.lines for line in safe_text(text).splitlines() or [""]]
        lines.append("")
    return lines + [CONFIDENTIAL]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown(document: Document) -> str:
    out = [f"> **{_md(CONFIDENTIAL)}**", "", f"# {_md(safe_line(document.title))}", ""]
    for section in document.sections:
        out += [f"## {_md(safe_line(section.heading))}", ""]
        out += [_md(line) + "  " for text in section.lines for line in safe_text(text).splitlines() or [""]]
        out.append("")
    return "\n".join(out + [f"> **{_md(CONFIDENTIAL)}**", ""])


PAGE_LINES, LINE_WIDTH = 60, 90


def _wrap(lines: list[str]) -> list[str]:
    wrapped = []
    for line in lines:
        while len(line) > LINE_WIDTH:
            wrapped.append(line[:LINE_WIDTH])
            line = line[LINE_WIDTH:]
        wrapped.append(line)
    return wrapped


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 covers Dutch); other characters become '?'."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf(lines: list[str]) -> bytes:
    """A minimal valid PDF 1.4: A4 pages of Courier 9 pt, each page with the confidentiality line."""
    body = _wrap(lines)
    pages = [body[i:i + PAGE_LINES] for i in range(0, len(body), PAGE_LINES)] or [[]]
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled in below)
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for number, page in enumerate(pages, start=1):
        stream = [b"BT /F1 9 Tf 40 800 Td 11 TL"]
        stream += [_pdf_string(line) + b" '" for line in page]
        stream += [b"ET", b"BT /F1 8 Tf 40 30 Td " + _pdf_string(f"{CONFIDENTIAL[:60]}…  pagina {number}/{len(pages)}")
                   + b" Tj ET"]
        content = b"\n".join(stream)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (len(objects), font_id))
        page_ids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % i for i in page_ids), len(pages))
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for index, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % index + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
