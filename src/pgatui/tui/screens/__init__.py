"""The screens. Each registers its route when imported; `load_all()` imports every one of them,
so a new screen module needs no edit elsewhere to be reachable with `app.go(name)`."""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
