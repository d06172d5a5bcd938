"""The vault's settings: a beheerder changes them (audited, with history); others only see them."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from pgatui.domain.access import Permission
from pgatui.domain.settings import Language, Settings
from pgatui.services import settings as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.kit.forms import FieldsScroll, LimitedTextArea
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_line
from pgatui.tui.widgets import PgaFooter, PgaHeader

NUMBERS = ("auto_lock_minutes", "retention_warning_days", "review_interval_months", "unfinalised_minutes_warning_days",
           "reintegration_lead_weeks")
FLAGS = ("destruction_second_confirmation", "shared_screen_default")
LEGAL_BASES_LIMIT = 20 * 121  # the settings' limit: 20 bases of 120 characters, one per line


@route("settings")
class SettingsScreen(PgaScreen):
    HELP_KEY = "ret.settings_help"
    # The first field is focused once the settings are loaded; focused by the screen before the form
    # was laid out, it was scrolled to the middle and the title out of view.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="settings.save"),  # after the typed characters
        Binding("escape", "back", "key.back", id="settings.back"),
    ]

    def compose(self):
        yield PgaHeader()
        with FieldsScroll(id="settings"):
            yield Static(Content(t("ret.settings_title")), classes="title")
            yield Static("", id="settings-note", classes="warning")
            for name in (*NUMBERS, "retention_marks"):
                yield Static(Content(t(f"ret.set.{name}")), classes="field-label")
                yield Input(id=f"set-{name}", max_length=40)
            for name in FLAGS:
                yield Checkbox(t(f"ret.set.{name}"), id=f"set-{name}")
            yield Static(Content(t("ret.set.language")), classes="field-label")
            yield Select([(t(f"ret.set.lang_{lang.value}"), lang.value) for lang in Language],
                         allow_blank=False, id="set-language")
            yield Static(Content(t("ret.set.legal_bases")), classes="field-label")
            yield LimitedTextArea(id="set-legal_bases", soft_wrap=True, classes="area", max_length=LEGAL_BASES_LIMIT)
            yield Static("", id="status")
        yield PgaFooter()

    @property
    def may_change(self) -> bool:
        return self.allows(Permission.SETTINGS_CHANGE)

    def on_mount(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="settings")

    async def _load(self) -> None:
        settings = await self.app.call(svc.read_settings)
        if settings is None:
            return
        self._fill(settings)
        if not self.may_change:
            self.query_one("#settings-note", Static).update(Content(t("ret.settings_readonly")))
            for widget in self.query("Input, Checkbox, Select, TextArea"):
                widget.disabled = True
        else:
            self.query_one(f"#set-{NUMBERS[0]}", Input).focus(scroll_visible=False)  # the top field: no scroll

    def _fill(self, settings: Settings) -> None:
        for name in NUMBERS:
            self.query_one(f"#set-{name}", Input).value = str(getattr(settings, name))
        self.query_one("#set-retention_marks", Input).value = ", ".join(map(str, settings.retention_marks))
        for name in FLAGS:
            self.query_one(f"#set-{name}", Checkbox).value = getattr(settings, name)
        self.query_one("#set-language", Select).value = settings.language.value
        self.query_one("#set-legal_bases", TextArea).text = "\n".join(settings.legal_bases)

    def _values(self) -> dict | None:
        """The form as setting values, or None after naming the first field that is no number."""
        values: dict = {name: self.query_one(f"#set-{name}", Checkbox).value for name in FLAGS}
        values["language"] = self.query_one("#set-language", Select).value
        texts = {name: self.query_one(f"#set-{name}", Input).value.strip() for name in NUMBERS}
        marks = [part.strip() for part in self.query_one("#set-retention_marks", Input).value.split(",") if part.strip()]
        for name, text in [*texts.items(), *(("retention_marks", m) for m in marks)]:
            if not text.isdigit():
                self._status(t("ret.settings_not_number", field=t(f"ret.set.{name}")))
                return None
        values |= {name: int(text) for name, text in texts.items()}
        values["retention_marks"] = tuple(int(m) for m in marks)
        lines = self.query_one("#set-legal_bases", TextArea).text.splitlines()
        values["legal_bases"] = tuple(line.strip() for line in lines if line.strip())
        return values

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(user_line(text))

    def action_save(self) -> None:
        if not self.may_change:
            notify_literal(self.app, t("ret.settings_readonly"), severity="warning")
            return
        values = self._values()
        if values is not None:
            self.run_worker(self._save(values), exclusive=True, group="settings-save")

    async def _save(self, values: dict) -> None:
        saved = await self.app.call(svc.change_settings, **values)
        if saved is None:  # the reason is shown as a notice (one Dutch line from the service)
            return
        self._fill(saved)
        self._status(t("ret.settings_saved"))
        notify_literal(self.app, t("ret.settings_saved"))

    def action_back(self) -> None:
        self.leave()
