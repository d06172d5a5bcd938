"""The dialogs every screen uses, of one look (`KitDialog.DEFAULT_CSS`, class `kit-box`).

Each returns its answer through `dismiss`: await it from a worker with
`await self.app.push_screen_wait(Dialog(...))`, or `push_screen(dialog, callback)`.

    ConfirmDialog(question)                      -> True / False   (Enter yes, Escape no)
    ChoiceDialog(title, ["a", "b"])              -> index / None   (#choices)
    PickDialog(title, ["a", "b"], chosen)        -> frozenset of the ticked texts / None   (#invite)
    FormDialog(title, [FieldSpec...], check)     -> check's result / None; check(values) returns
                                                    (result, {field: message}); messages show
                                                    beside their fields (#d-<name>, #derr-<name>)
    PathDialog(title, label, suggested, warning=) -> Path / None   (#path)
    ExportDialog(suggested_name)                 -> Path / None   (a PathDialog with the export warning)
    ColleagueDialog(question, login="")          -> (login, password) / None
    PasswordDialog(question)                     -> the user's own password / None   (#d-password)
    TypedConfirmDialog(question, word)           -> True / None    (#d-word: go on only when `word` is typed)
    NoticeDialog(title, body)                    -> None           (Escape or Enter closes)
    SecretNoticeDialog(title, body, secret)      -> None           (#kit-secret: large, to be read out; shown once)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from pgatui.tui.base import PgaModal
from pgatui.tui.i18n import t
from pgatui.tui.kit.forms import (DIALOG_IDS, FORM_ERROR, FieldSpec, FieldsScroll, FormIds, LimitedInput, PathSuggester, clear_error_of,
                                  compose_fields, focus_at_top, read_values, show_errors)
from pgatui.tui.safe import user_cell, user_line, user_option, user_text

PATH_LIMIT = 1000


def _content(text: Content | str) -> Content:
    return text if isinstance(text, Content) else user_line(text)


class KitDialog(PgaModal):
    """A centred box on a dimmed screen; Escape cancels (dismisses with None)."""

    DEFAULT_CSS = """
    KitDialog { align: center middle; }
    KitDialog .kit-box { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $accent;
                         background: $panel; padding: 1 2; }
    KitDialog .kit-box .warning { color: $warning; }
    KitDialog .kit-area { height: 5; }
    KitDialog .kit-secret { text-style: bold; color: $warning; border: heavy $warning; padding: 1 2;
                            content-align: center middle; height: 5; }
    """
    HELP_KEY = "kit.dialog_help"
    BINDINGS = [Binding("escape", "cancel", "key.kit_cancel", id="kit.cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(KitDialog):
    """A yes/no question: Enter confirms, Escape cancels. Returns True or False."""

    HELP_KEY = "kit.confirm_help"
    BINDINGS = [Binding("enter", "yes", "key.kit_yes", id="kit.confirm.yes", priority=True)]

    def __init__(self, question: Content | str, title: str | None = None) -> None:
        super().__init__()
        self._question, self._title = question, title

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(Content(self._title or t("kit.confirm_title")), classes="title")
            yield Static(_content(self._question))
            yield Static(Content(t("kit.confirm_hint")), classes="hint")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceDialog(KitDialog):
    """Choose one line (user text allowed): returns its index, or None."""

    HELP_KEY = "kit.choice_help"

    def __init__(self, title: str, choices: list[str]) -> None:
        super().__init__()
        self._title, self._choices = title, choices

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(user_line(self._title), classes="title")
            yield OptionList(*[user_option(text, id=f"c{i}") for i, text in enumerate(self._choices)], id="choices")
            yield Static(Content(t("kit.choice_hint")), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#choices", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id[1:]))


class PickDialog(KitDialog):
    """Pick any number of lines (user text allowed): Space ticks, Enter returns the ticked lines
    as a frozenset of the texts, Escape None."""

    HELP_KEY = "kit.pick_help"
    BINDINGS = [Binding("enter", "done", "key.kit_confirm", id="kit.pick.done", priority=True)]

    def __init__(self, title: str, choices: list[str], chosen: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self._title, self._choices, self._chosen = title, choices, chosen

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(user_line(self._title), classes="title")
            yield SelectionList(*[Selection(user_cell(name), i, name in self._chosen)
                                  for i, name in enumerate(self._choices)], id="invite")
            yield Static(Content(t("kit.pick_hint")), classes="hint")

    def on_mount(self) -> None:
        # At once (Widget.focus() is deferred): arrows typed the moment the dialog shows move in it.
        self.set_focus(self.query_one("#invite", SelectionList))

    def action_done(self) -> None:
        picked = self.query_one("#invite", SelectionList).selected
        self.dismiss(frozenset(self._choices[i] for i in picked))


Check = Callable[[dict], tuple[object, dict[str, str]]]


class FormDialog(KitDialog):
    """A small form. `check(values)` returns (result, errors by field name); the dialog closes with
    the result only when there are no errors, else each error shows beside its field. Build the
    check with pgatui.tui.kit.forms (parse_dates, build)."""

    HELP_KEY = "kit.form_help"
    BINDINGS = [Binding("ctrl+s", "submit", "key.kit_confirm", id="kit.form.submit")]

    def __init__(self, title: str, fields: list[FieldSpec], check: Check, intro: Content | str = "",
                 help_key: str | None = None, ids: FormIds = DIALOG_IDS) -> None:
        super().__init__()
        self._title, self._fields, self._check, self._intro = title, fields, check, intro
        self._ids = ids
        if help_key:
            self.HELP_KEY = help_key

    def compose(self):
        with FieldsScroll(classes="kit-box"):
            yield Static(user_line(self._title), classes="title")
            if self._intro:
                yield Static(self._intro if isinstance(self._intro, Content) else user_text(self._intro))
            yield from compose_fields(self._fields, self._ids)
            yield Static("", id=f"{self._ids.error}{FORM_ERROR}", classes="error")
            yield Static(Content(t("kit.form_hint")), classes="hint")

    def on_mount(self) -> None:
        if self._fields:
            focus_at_top(self, self.query_one(f"#{self._ids.field}{self._fields[0].name}"))

    def values(self) -> dict:
        return read_values(self, self._fields, self._ids)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        clear_error_of(self, event.input, self._ids)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        clear_error_of(self, event.text_area, self._ids)

    def action_submit(self) -> None:
        result, errors = self._check(self.values())
        show_errors(self, [*self._fields, FORM_ERROR], errors, self._ids)
        if not errors:
            self.dismiss(result)


class PathDialog(KitDialog):
    """Ask for a file path (a report to write, a policy to load): returns it as a Path, or None."""

    HELP_KEY = "ret.export_help"
    BINDINGS = [Binding("ctrl+s", "submit", "key.kit_confirm", id="kit.path.submit")]

    def __init__(self, title: str, label: str, suggested: str = "", *, warning: str | None = None,
                 help_key: str | None = None, input_id: str = "path") -> None:
        super().__init__()
        self._title, self._label, self._suggested, self._warning = title, label, suggested, warning
        self._input_id = input_id
        if help_key:
            self.HELP_KEY = help_key  # F1 explains the purpose this dialog was opened for

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(Content(self._title), classes="title")
            if self._warning:
                yield Static(Content(self._warning), classes="warning")
            yield Static(Content(self._label), classes="field-label")
            yield LimitedInput(self._suggested, id=self._input_id, max_length=PATH_LIMIT, suggester=PathSuggester())
            yield Static(Content(t("kit.path_hint")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(f"#{self._input_id}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if value := self.query_one(f"#{self._input_id}", Input).value.strip():
            self.dismiss(Path(value).expanduser())


class ExportDialog(PathDialog):
    """Where an export goes; warns that it leaves the vault unencrypted."""

    def __init__(self, suggested_name: str) -> None:
        super().__init__(t("export.title"), t("export.path"), str(Path.home() / suggested_name),
                         warning=t("export.warning"), help_key="export.help", input_id="export-path")


class ColleagueDialog(KitDialog):
    """A colleague types their own user name and password (a party confirming a weighing, a second
    person confirming destruction). The password never leaves memory: it goes to the service."""

    HELP_KEY = "colleague.help"

    def __init__(self, question: str, login: str = "") -> None:
        super().__init__()
        self._question, self._login = question, login

    def compose(self):
        with Vertical(classes="kit-box"):
            yield Static(Content(t("colleague.title")), classes="title")
            yield Static(user_line(self._question))
            yield Static(Content(t("unlock.login")), classes="field-label")
            yield LimitedInput(self._login, id="colleague-login", max_length=64)
            yield Static(Content(t("unlock.password")), classes="field-label")
            yield LimitedInput(password=True, id="colleague-password", max_length=1024)

    def on_mount(self) -> None:
        self.query_one("#colleague-password" if self._login else "#colleague-login", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        login = self.query_one("#colleague-login", Input).value.strip()
        password = self.query_one("#colleague-password", Input).value
        if event.input.id == "colleague-login":
            self.query_one("#colleague-password", Input).focus()
        elif login and password:
            self.dismiss((login, password))


class NoticeDialog(KitDialog):
    """A message the user must see (the vault is damaged): Escape or Enter closes it."""

    HELP_KEY = "kit.damaged_help"
    BINDINGS = [Binding("enter", "cancel", "key.back", id="kit.notice.close", priority=True)]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self._title, self._body = title, body

    def compose(self):
        with VerticalScroll(classes="kit-box"):
            yield Static(Content(self._title), classes="title")
            yield Static(user_text(self._body))


class PasswordDialog(FormDialog):
    """The acting user's own password, asked again before a change that needs it (an account, a
    key rotation, a backup). Never kept: the caller hands it to the service."""

    def __init__(self, question: str, title: str | None = None, help_key: str | None = None) -> None:
        super().__init__(title or t("kit.password_title"),
                         [FieldSpec("password", t("unlock.password"), kind="password", max_length=1024)],
                         _password_given, intro=question, help_key=help_key)


def _password_given(values: dict) -> tuple[str | None, dict[str, str]]:
    password = str(values.get("password", ""))  # as typed: a password is never trimmed
    return (password, {}) if password else (None, {"password": t("kit.required")})


class TypedConfirmDialog(FormDialog):
    """Go on only when the user types `word` (a restore, something that cannot be undone): True,
    or None when cancelled; another word shows what to type beside the field."""

    def __init__(self, question: str, word: str, help_key: str | None = None) -> None:
        def typed(values: dict) -> tuple[bool | None, dict[str, str]]:
            if str(values.get("word", "")).strip() == word:
                return True, {}
            return None, {"word": t("kit.typed_word", word=word)}

        super().__init__(t("kit.confirm_title"), [FieldSpec("word", t("kit.typed_word", word=word), max_length=40)],
                         typed, intro=question, help_key=help_key)


class SecretNoticeDialog(NoticeDialog):
    """A secret shown once (a one-time password, a recovery code): large and framed, to be read
    out; forgotten when the dialog closes (or the app locks)."""

    HELP_KEY = "kit.secret_help"

    def __init__(self, title: str, body: str, secret: str) -> None:
        super().__init__(title, body)
        self._secret = secret

    def compose(self):
        with VerticalScroll(classes="kit-box"):
            yield Static(Content(self._title), classes="title")
            yield Static(user_text(self._body))
            yield Static(user_line(self._secret), id="kit-secret", classes="kit-secret")

    def action_cancel(self) -> None:
        self.forget()
        super().action_cancel()

    def forget(self) -> None:
        self._secret = ""
        for shown in self.query("#kit-secret"):
            shown.update("")

