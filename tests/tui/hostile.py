"""A corpus of hostile text: every string a user (or an imported file) could type that might
break, trick or steer the terminal UI. Push it through every screen that shows user text.

Each entry: (id, text). `literal(text)` is what must be visible after sanitising.
"""

from __future__ import annotations

from pgatui.domain.text import safe_line

CORPUS: list[tuple[str, str]] = [
    ("open-close-tag", "[/"),
    ("close-then-text", "[/]x"),
    ("click-action", "[@click=app.quit]x[/]"),
    ("link-file", "[link=file:///etc/passwd]x[/link]"),
    ("bold-markup", "[b]vet[/b] [red]rood[/red]"),
    ("escaped-markup", "\\[b]x\\[/b]"),
    ("ansi-clear", "\x1b[2J"),
    ("osc52-clipboard", "\x1b]52;c;aGFjaw==\x07"),
    ("osc8-hyperlink", "\x1b]8;;http://evil.example\x1b\\klik\x1b]8;;\x1b\\"),
    ("c1-csi-osc", "a\x9bb\x9dc"),
    ("bidi-override", "\u202egnp.exe"),
    ("bidi-isolate", "Jan\u2066 \u2067x\u2069"),
    ("nul-bell-del", "a\x00b\x07c\x7fd"),
    ("newlines-tabs", "regel1\nregel2\tkolom"),
    ("emoji-wide", "😀 日本語 👩‍👩‍👧 Ωmega"),
    ("combining", "e\u0301e\u0301 Zo\u0308e"),
    ("very-long", "[@click=app.quit]" + "x" * 5000 + "[/]"),
    ("long-words", "Supercalifragilistisch " * 200),
    ("empty", ""),
    ("only-spaces", "   "),
    ("rich-emoji-code", ":warning: :skull:"),
    ("dollar-variable", "$accent $text [$accent]x[/]"),
]

IDS = [name for name, _ in CORPUS]
TEXTS = [text for _, text in CORPUS]

FORBIDDEN = ("\x1b", "\x9b", "\x9d", "\u202e", "\u2066", "\u2067", "\u2069", "\x00", "\x07", "\x7f")


def literal(text: str) -> str:
    """What the screen must show of `text` (one-line form): the text itself, minus controls."""
    return safe_line(text)
