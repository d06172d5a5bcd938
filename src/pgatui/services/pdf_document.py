"""A Document as a PDF, made with fpdf2: an embedded Unicode font, word wrap, headings, tables,
page numbers and the confidentiality line on every page.

fpdf2 (pure Python, well kept) replaces the hand-written PDF writer we had: that one knew only
Latin-1 (other characters became "?"), broke words in the middle and had no page numbers. The
font is DejaVu Sans, shipped in `assets/fonts/` (Bitstream Vera licence, see LICENSE-DejaVu.txt):
it covers Latin, Greek and Cyrillic with accents; a character it lacks (an emoji, CJK) is printed
as the font's empty box by fpdf2, never as a question mark, and stays in the text layer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from pgatui.assets import asset_path

if TYPE_CHECKING:  # pragma: no cover - types only
    from pgatui.services.exporting import Document

FONT = "DejaVu"
BODY_SIZE, HEADING_SIZE, TITLE_SIZE, MARGIN_SIZE = 10, 12, 15, 7.5
LINE_HEIGHT = 5.0

# fpdf2 logs a warning per missing glyph (an emoji in a note, say); that log line would carry a
# piece of the person's text into the application's log, so it is silenced.
logging.getLogger("fpdf").setLevel(logging.ERROR)


class _Pages(FPDF):
    """A4 pages with the confidentiality line at the top and, with the page number, at the bottom."""

    def __init__(self, confidential: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.confidential = confidential
        self.add_font(FONT, "", str(asset_path("fonts/DejaVuSans.ttf")))
        self.add_font(FONT, "B", str(asset_path("fonts/DejaVuSans-Bold.ttf")))
        self.set_margins(20, 22, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_creator("pgatui")
        self.set_producer("pgatui")

    def header(self) -> None:
        self.set_y(8)
        self.set_font(FONT, "B", MARGIN_SIZE)
        self.multi_cell(0, 3.5, self.confidential, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y() + 4, 22))

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, "", MARGIN_SIZE)
        self.multi_cell(0, 3.5, f"{self.confidential}\nPagina {self.page_no()} van {{nb}}", align="C")


def render_pdf(document: Document, confidential: str) -> bytes:
    """The PDF bytes of `document` (text already made safe by the caller)."""
    pdf = _Pages(confidential)
    pdf.add_page()
    pdf.set_font(FONT, "B", TITLE_SIZE)
    pdf.multi_cell(0, 7, document.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    for section in document.sections:
        _heading(pdf, section.heading)
        pdf.set_font(FONT, "", BODY_SIZE)
        for line in section.lines:
            # A blank line is a paragraph break; wrapping happens at spaces, and only a word
            # longer than the whole line is broken.
            pdf.multi_cell(0, LINE_HEIGHT, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if section.table:
            _table(pdf, section.table)
        pdf.ln(2)
    return bytes(pdf.output())


def _heading(pdf: _Pages, text: str) -> None:
    # Keep a heading with the first lines under it: start a new page when less than 3 lines fit.
    if pdf.get_y() > pdf.page_break_trigger - 4 * LINE_HEIGHT:
        pdf.add_page()
    pdf.set_font(FONT, "B", HEADING_SIZE)
    pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _table(pdf: _Pages, rows: list[tuple[str, ...]]) -> None:
    """The first row is the header (repeated on every page the table spans)."""
    pdf.set_font(FONT, "", BODY_SIZE - 1)
    with pdf.table(first_row_as_headings=True, line_height=LINE_HEIGHT, repeat_headings=1) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
