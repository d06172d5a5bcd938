"""Exports that leave the vault: the weighing record, minutes per partner, destruction reports.

An export is the one place where case data leaves the encryption, so every export goes through
here: a confidentiality line at the top and bottom, a file the user chose (never a default
location), owner-only permissions, an atomic write, and an audit event with ids only.

Formats by the file's suffix: .txt (plain text), .md (Markdown), .pdf (fpdf2 with an embedded
Unicode font: `services/pdf_document.py`). Text is written as data: control characters and bidi
overrides are removed, Markdown special characters are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pgatui.domain.text import safe_line, safe_text
from pgatui.errors import UsageError
from pgatui.services.pdf_document import render_pdf
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
    """A heading, its paragraphs, and optionally a table (first row: the column headings)."""

    heading: str
    lines: list[str] = field(default_factory=list)
    table: list[tuple[str, ...]] = field(default_factory=list)


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
        return render_pdf(_safe(document), CONFIDENTIAL)
    if fmt is ExportFormat.MARKDOWN:
        return _markdown(document).encode("utf-8")
    return "\n".join(_plain_lines(document)).encode("utf-8") + b"\n"


def write_export(session, document: Document, path: Path | str, *, action: str, object_id: str | None = None,
                 overwrite: bool = False) -> Path:
    """Write `document` to `path` (format by suffix) and audit `action` (ids only, never the path's
    content). Refuses to overwrite an existing file unless asked."""
    target = Path(path).expanduser()
    return write_export_bytes(session, render(document, format_for(target)), target, action=action,
                              object_id=object_id, overwrite=overwrite)


def write_export_bytes(session, data: bytes, path: Path | str, *, action: str, object_id: str | None = None,
                       overwrite: bool = False) -> Path:
    """Write an export already rendered (a CSV of figures, say) as `write_export` does, audited."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise UsageError("export.no_folder")
    if target.exists() and not overwrite:
        raise UsageError("export.file_exists")
    with session.change(action, object_id):
        # Owner-only under a fresh temporary name (O_EXCL | O_NOFOLLOW): a symlink planted at
        # the temporary or the final name never receives the plaintext.
        (write_atomic if overwrite else write_new_file)(target, data)
    return target


# --- formats ---------------------------------------------------------------------------------------

def _plain_lines(document: Document) -> list[str]:
    lines = [CONFIDENTIAL, "", safe_line(document.title), "=" * min(len(document.title), 78), ""]
    for section in document.sections:
        lines += [safe_line(section.heading), "-" * min(len(section.heading), 78)]
        lines += [line for text in section.lines for line in safe_text(text).splitlines() or [""]]
        lines += _table_lines(section.table)
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
        out += _markdown_table(section.table)
        out.append("")
    return "\n".join(out + [f"> **{_md(CONFIDENTIAL)}**", ""])


def _safe(document: Document) -> Document:
    """The document with every text made safe to print (no control characters, no bidi overrides)."""
    return Document(safe_line(document.title), [
        Section(safe_line(section.heading),
                [safe_text(text) for text in section.lines],
                [tuple(safe_line(cell) for cell in row) for row in section.table])
        for section in document.sections])


def _table_lines(rows: list[tuple[str, ...]]) -> list[str]:
    """A table as aligned plain-text lines (columns as wide as their widest cell, at most 40)."""
    if not rows:
        return []
    widths = [min(40, max(len(safe_line(row[i])) for row in rows)) for i in range(len(rows[0]))]
    lines = ["  ".join(safe_line(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def _markdown_table(rows: list[tuple[str, ...]]) -> list[str]:
    if not rows:
        return []
    cells = [[_md(safe_line(cell)) for cell in row] for row in rows]
    return (["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
            + ["| " + " | ".join(row) + " |" for row in cells[1:]] + [""])
