"""Every screen speaks to officials in their words (issue 14, item 7): walked route by route on the
demo vault, in Dutch and in English, the text a user can see or reach (the screen, every Static also
on hidden tabs, table cells, list options and the palette's entries) holds no raw stored code, no
Python value, no ISO date, no "code (code)" pair, and on a Dutch screen none of Textual's English
defaults (the list is `pgatui.tui.palette.TEXTUAL_ENGLISH`).

The screens are opened as the snapshot tests open them (`test_snapshots.SCREENS`), on its demo vault.
"""

from __future__ import annotations

import json
import re
from enum import Enum

import pytest
from textual.widgets import DataTable, OptionList, Static

from pilot import settle, visible_text
from test_snapshots import SCREENS, demo, demo_template  # noqa: F401  (fixtures)
from pgatui.assets import asset_path
from pgatui.domain import enums, organisations
from pgatui.tui import i18n
from pgatui.tui.app import PgaApp
from pgatui.tui.palette import TEXTUAL_ENGLISH


def _stored_codes() -> set[str]:
    """Codes that are no word of either language: enum values with '_' and the criteria's ids."""
    members = [m for enum in (*vars(enums).values(), organisations.OrganisationKind)
               if isinstance(enum, type) and issubclass(enum, Enum) for m in enum]
    codes = {str(m.value) for m in members if "_" in str(m.value)}
    return codes | {value for value in _ids(json.loads(asset_path("criteria-catalogue.json").read_text())) if "-" in value}


def _ids(node) -> set[str]:
    if isinstance(node, dict):
        return {node["id"]} if isinstance(node.get("id"), str) else set() | set().union(*map(_ids, node.values()))
    if isinstance(node, list):
        return set().union(*map(_ids, node)) if node else set()
    return set()


CODES = _stored_codes()
RAW_CODE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, CODES), key=len, reverse=True)) + r")(?![\w-])")
PYTHON_VALUE = re.compile(r"\b(True|False|None)\b|\b\w+: (true|false)\b")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
CODE_TWICE = re.compile(r"(?<![\w-])([\w-]+) \(\1\)")
CARET_KEY = re.compile(r"(?<![\w^])\^[a-z0-9]\b")  # Textual's "^l" (the footer's): people write Ctrl+L


def test_the_code_list_knows_the_codes_the_issue_names():
    assert {"professional_onderwijs", "zorg_veiligheidshuis", "anonieme_tiplijn"} <= CODES
    assert RAW_CODE.search("Bron: anonieme_tiplijn.") and not RAW_CODE.search("Meld Misdaad Anoniem")
    assert CODE_TWICE.search("gemeente (gemeente)") and not CODE_TWICE.search("gemeente (Gemeente)")


def _reachable_text(app) -> str:
    """What the user sees now, and what is one key away on this screen (tabs, rows, the palette)."""
    screen = app.screen
    parts = [visible_text(app)]
    parts += [str(widget.render()) for widget in screen.query(Static)]
    for table in screen.query(DataTable):
        parts += [str(column.label) for column in table.columns.values()]
        parts += [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
    for options in screen.query(OptionList):
        parts += [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    parts += [f"{command.title}\n{command.help}" for command in app.get_system_commands(screen)]
    return "\n".join(parts)


def _keys_named(app) -> str:
    """Where keys are named in words: F1's list of keys and the palette's entries."""
    screen = app.screen
    return "\n".join([f"{key} {what}" for key, what in app.help_keys(screen)]
                     + [command.help for command in app.get_system_commands(screen)])


def problems(text: str, lang: str) -> list[str]:
    found = [f"raw code {m.group(0)!r}" for m in RAW_CODE.finditer(text)]
    found += [f"Python value {m.group(0)!r}" for m in PYTHON_VALUE.finditer(text)]
    found += [f"ISO date {m.group(0)!r}" for m in ISO_DATE.finditer(text)]
    found += [f"code twice {m.group(0)!r}" for m in CODE_TWICE.finditer(text)]
    if lang == "nl":
        found += [f"Textual's English {phrase!r}" for phrase in TEXTUAL_ENGLISH if phrase in text]
    return sorted(set(found))


def test_the_checks_find_what_the_issue_saw():
    seen = "Bron: geweld-of-wetsovertreding · gemeente (gemeente) · (settled: false) · 2026-03-12 · Maximize"
    assert len(problems(seen, "nl")) == 5 and len(problems(seen, "en")) == 4
    assert CARET_KEY.search("^l Vergrendel") and not CARET_KEY.search("Ctrl+L Vergrendel")


@pytest.fixture
def restore_language():
    yield
    i18n.set_language("nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("screen", SCREENS)
async def test_every_screen_in_the_officials_words(demo, restore_language, screen, lang):  # noqa: F811
    app = PgaApp(demo.path, lang=lang, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await SCREENS[screen](pilot, demo)
        await settle(pilot)
        assert problems(_reachable_text(app), lang) == []
        assert CARET_KEY.findall(_keys_named(app)) == []  # F1 and the palette say "Ctrl+L"
