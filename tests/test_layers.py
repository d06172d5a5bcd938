"""DESIGN.md's layers, as a test: arrows only point down."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "pgatui"

FORBIDDEN = {
    "domain": ("textual", "rich", "sqlcipher3", "sqlite3", "pgatui.vault", "pgatui.services", "pgatui.tui", "pgatui.cli"),
    "vault": ("textual", "rich", "pgatui.services", "pgatui.tui", "pgatui.cli"),
    "services": ("textual", "rich", "pgatui.tui", "pgatui.cli"),
    "tui": ("sqlcipher3", "sqlite3", "pgatui.vault"),
    "cli": ("sqlcipher3", "sqlite3", "pgatui.vault"),
    # the error catalogue sits beside pgatui.errors, below every layer (errors render through it)
    "messages": ("textual", "rich", "sqlcipher3", "sqlite3", "pgatui.domain", "pgatui.vault", "pgatui.services",
                 "pgatui.tui", "pgatui.cli"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_files(layer: str) -> list[Path]:
    """The modules of a layer: a package's files, or the one module `layer.py` (the CLI)."""
    single = SRC / f"{layer}.py"
    return [single] if single.is_file() else sorted((SRC / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer):
    offences = []
    for path in layer_files(layer):
        for module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(SRC)} imports {module}")
    assert offences == []


def test_tui_runs_no_sql():
    sql_calls = []
    for path in layer_files("tui"):
        text = path.read_text(encoding="utf-8")
        for needle in (".execute(", ".executemany(", ".executescript("):
            if needle in text:
                sql_calls.append(f"{path.relative_to(SRC)}: {needle}")
    assert sql_calls == []


def test_the_check_itself_sees_imports(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import textual.app\nfrom rich.text import Text\n")
    assert imported_modules(sample) == {"textual.app", "rich.text"}


def test_every_layer_has_modules_to_check():
    """A renamed layer must not make its check pass by finding nothing."""
    assert all(layer_files(layer) for layer in FORBIDDEN)


def test_tui_and_cli_reach_the_vault_only_through_services(tmp_path):
    """The check catches the imports issue 13 removed (lazy ones inside functions too)."""
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from pgatui.vault.vault import find_vault\n    import pgatui.vault\n")
    offending = {m for m in imported_modules(sample) if m == "pgatui.vault" or m.startswith("pgatui.vault.")}
    assert offending == {"pgatui.vault.vault", "pgatui.vault"}


def test_no_screen_imports_another_screen():
    """A screen reaches another through its route (`app.go`), never by importing it; a package of
    screens (minutes/, weighing/, retention/) imports only its own modules. Shared parts live in
    `pgatui.tui.kit`."""
    screens = SRC / "tui" / "screens"
    offences = []
    for path in sorted(screens.rglob("*.py")):
        own = path.parent.relative_to(screens).parts  # () for a screen module at the top level
        for module in imported_modules(path):
            if not module.startswith("pgatui.tui.screens."):
                continue
            target = module.removeprefix("pgatui.tui.screens.").split(".")
            if not own or target[:len(own)] != list(own):
                offences.append(f"{path.relative_to(SRC)} imports {module}")
    assert offences == []
