"""Catalogue parts per screen group, merged into pgatui.tui.i18n at import.

Each module here defines `NL` and `EN` dicts (same keys) for its screens, so screens written in
parallel never edit one big file. A key may be defined once across all parts and i18n.py.
"""

from __future__ import annotations

import importlib
import pkgutil


def parts() -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(module name, NL, EN) of every catalogue part, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append((info.name, module.NL, module.EN))
    return found
