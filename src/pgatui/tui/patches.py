"""Where the pinned Textual keeps what a closed screen showed, and the fix (`apply`, by the app).

`StylesCache.get_inner_outer` (textual/_styles_cache.py, Textual 8.2.8) is an instance method
under `functools.lru_cache(1024)`: the cache's keys hold `self`, so the styles cache of every
widget that ever rendered (up to 1 024 of them) outlives its widget, and with it the rendered
lines it keeps: names and notes of files closed long ago, and of users who locked. Each lock and
unlock cycle left ~40 of them and 700 rendered lines behind, and every later garbage collection
walked them. The colours it computes depend only on the two colours, so they are cached on those.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(_cache: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    return _inner_outer(base_background, background)


def apply() -> None:
    """Replace the method only while it is the one that keeps its instances (a later Textual that
    fixed it is left alone)."""
    if hasattr(StylesCache.get_inner_outer, "cache_info"):
        StylesCache.get_inner_outer = _get_inner_outer

