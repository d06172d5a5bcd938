"""The dialogs of the administration area (issue 15), in one thin module.

Built on the app's existing dialog pattern until the TUI kit (issue 13, src/pgatui/tui/kit) is in
main; each returns its answer through `dismiss` (None when cancelled), so swapping them for the
kit's dialogs touches only this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Select, Static

from pgatui.domain.roles import Role
from pgatui.tui.base import PgaModal
from pgatui.tui.i18n import t
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.kit.formats import label


class PathSuggester(Suggester):
    """Completes the last part of a typed path from the folder's entries (right arrow accepts)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name.startswith(stem)
                           and not entry.name.startswith("."))
        except OSError:
            return None
        if not names or names[0] == stem:
            return None
        completed = names[0] + (os.sep if (folder / names[0]).is_dir() else "")
        return value + completed[len(stem):]


class AdminPasswordDialog(PgaModal):
    """The acting user's own password, asked again before a change (never kept: handed to the service)."""

    HELP_KEY = "adm.help"
    BINDINGS = [Binding("escape", "cancel", "key.back", id="adm-pw.cancel")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self._what = what

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(Content(t("adm.pw.title")), classes="title")
            yield Static(user_line(t("adm.pw.question", what=self._what)))
            yield Input(password=True, id="adm-password")

    def on_mount(self) -> None:
        self.query_one("#adm-password", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SecretDialog(PgaModal):
    """A one-time password, large and spaced for reading out; shown once."""

    HELP_KEY = "adm.help"
    BINDINGS = [Binding("escape", "close", "key.back", id="adm-secret.close"),
                Binding("enter", "close", "key.back", id="adm-secret.ok", show=False)]

    def __init__(self, login: str, secret: str) -> None:
        super().__init__()
        self._login, self._secret = login, secret

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(Content(t("adm.secret.title")), classes="title")
            yield Static(user_line(t("adm.secret.intro", login=self._login)))
            yield Static(user_line(self._secret), id="adm-secret", classes="adm-secret")

    def action_close(self) -> None:
        self._secret = ""
        self.dismiss(None)

    def forget(self) -> None:
        self._secret = ""


class TypedConfirmDialog(PgaModal):
    """Go on only when the user types `word` (a restore)."""

    HELP_KEY = "adm.help"
    BINDINGS = [Binding("escape", "cancel", "key.back", id="adm-confirm.cancel")]

    def __init__(self, question: str, word: str) -> None:
        super().__init__()
        self._question, self._word = question, word

    def compose(self):
        with Vertical(classes="dialog"):
            yield Static(Content(t("adm.confirm.title")), classes="title")
            yield Static(user_line(self._question))
            yield Static(user_line(t("adm.confirm.typed", word=self._word)))
            yield Input(id="adm-confirm")

    def on_mount(self) -> None:
        self.query_one("#adm-confirm", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() == self._word)

    def action_cancel(self) -> None:
        self.dismiss(False)


class UserFormDialog(PgaModal):
    """Login (new users only), role, organisation and municipalities; returns a dict or None."""

    HELP_KEY = "adm.users.help"
    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="adm-form.save"),
                Binding("escape", "cancel", "key.back", id="adm-form.cancel")]

    def __init__(self, organisations: list, *, login: str | None = None, role: Role | None = None,
                 organisation_id: int | None = None, municipalities: tuple[int, ...] | None = ()) -> None:
        super().__init__()
        self._organisations = organisations
        self._login, self._role, self._organisation_id = login, role, organisation_id
        self._municipalities = municipalities

    def compose(self):
        title = t("adm.form.title_change", login=self._login) if self._login else t("adm.form.title_add")
        with VerticalScroll(classes="dialog"):
            yield Static(user_line(title), classes="title")
            if self._login is None:
                yield Static(Content(t("adm.form.login")), classes="field-label")
                yield Input(id="adm-form-login", max_length=32)
            yield Static(Content(t("adm.form.role")), classes="field-label")
            yield Select([(label(role), role.value) for role in Role], id="adm-form-role",
                         value=self._role.value if self._role else Select.NULL)
            yield Static(Content(t("adm.form.organisation")), classes="field-label")
            yield Select([(user_cell(o.name), o.id) for o in self._organisations], id="adm-form-organisation",
                         value=self._organisation_id if self._organisation_id is not None else Select.NULL)
            yield Static(Content(t("adm.form.municipalities")), classes="field-label")
            chosen = self._municipalities or ()
            for organisation in self._organisations:
                if organisation.is_municipality:
                    yield Checkbox(user_line(organisation.name), organisation.id in chosen,
                                   id=f"adm-form-m-{organisation.id}")
            yield Checkbox(t("adm.form.all"), self._municipalities is None and self._login is not None,
                           id="adm-form-all")
            yield Static(Content(t("adm.form.submit")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#adm-form-login" if self._login is None else "#adm-form-role").focus()

    def action_save(self) -> None:
        login = self._login or self.query_one("#adm-form-login", Input).value.strip()
        role = self.query_one("#adm-form-role", Select).value
        organisation = self.query_one("#adm-form-organisation", Select).value
        if not login or role is Select.NULL or organisation is Select.NULL:
            notify_literal(self.app, t("adm.form.incomplete"), severity="warning")
            return
        ticked = [o.id for o in self._organisations if o.is_municipality
                  and self.query_one(f"#adm-form-m-{o.id}", Checkbox).value]
        every = self.query_one("#adm-form-all", Checkbox).value
        self.dismiss({"login": login, "role": role, "organisation_id": organisation,
                      "municipalities": "all" if every else (ticked or None)})

    def action_cancel(self) -> None:
        self.dismiss(None)
