"""Where the shipped data files (criteria catalogue, retention policy, password list) live.

In a wheel they are packed as `pgatui/assets/`; in a source checkout (editable install) they
are the repository's top-level `assets/` folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKED = Path(__file__).parent / "assets"
_SOURCE = Path(__file__).resolve().parents[2] / "assets"


def asset_path(name: str) -> Path:
    """The path of a shipped asset file; FileNotFoundError names it if it is missing."""
    for folder in (_PACKED, _SOURCE):
        candidate = folder / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"asset not found: {name}")
