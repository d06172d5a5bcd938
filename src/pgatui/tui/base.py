"""What every pgatui screen shares: translated bindings and a help text for F1."""

from __future__ import annotations

from dataclasses import replace

from textual.screen import ModalScreen, Screen

from pgatui.tui.i18n import t


def translate_bindings(node) -> None:
    """Binding descriptions hold catalogue keys ('key.help'); show them in the current language.

    Textual copies the class bindings into each instance (`_bindings`) at construction, so
    translating that copy lets one process show Dutch and English screens side by side.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=t(b.description)) if b.description.startswith("key.") else b
                      for b in bindings]


class PgaScreen(Screen):
    """A full screen with a help text (catalogue key) and translated key descriptions."""

    HELP_KEY = "home.help"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)


class PgaModal(ModalScreen):
    HELP_KEY = "home.help"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)
