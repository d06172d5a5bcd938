"""Key rotation, vault check and backups (issue 15). Long actions run in a worker; the service
reports (stage, fraction) on the vault thread and the screen shows it through call_from_thread,
so the screen stays responsive while the vault thread works."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, ProgressBar, Static

from pgatui.services import administration as adm
from pgatui.tui.kit.dialogs import PasswordDialog, TypedConfirmDialog
from pgatui.tui.kit.forms import PathSuggester
from pgatui.tui.kit.formats import finding, show_moment
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.widgets import PgaFooter, PgaHeader


class _Progressing(PgaScreen):
    """A screen with a progress bar and a stage line fed from the vault thread."""

    def progress_widgets(self):
        yield Static("", id="stage")
        yield ProgressBar(total=1.0, show_eta=False, id="progress")

    def reporter(self):
        def report(stage: str, fraction: float) -> None:
            self.app.call_from_thread(self._show_stage, stage, fraction)
        return report

    def _show_stage(self, stage: str, fraction: float) -> None:
        self.query_one("#stage", Static).update(Content(t("adm.keys.running", stage=t(f"adm.keys.stage.{stage}"))))
        self.query_one("#progress", ProgressBar).update(progress=fraction)

    async def password(self, what: str) -> str | None:
        """The administrator's own password again (the kit's dialog), or None when cancelled."""
        return await self.app.push_screen_wait(PasswordDialog(t("adm.pw.question", what=what), help_key=self.HELP_KEY))

    def _result(self, text: str) -> None:
        self.query_one("#stage", Static).update(user_line(text))
        notify_literal(self.app, text)


def _check_text(result) -> str:
    if result.verified:
        return t("adm.keys.ok")
    return t("adm.keys.problems", count=len(result.problems), first=finding(result.problems[0]) if result.problems else "")


@route("admin_keys")
class KeysScreen(_Progressing):
    HELP_KEY = "adm.keys.help"
    BINDINGS = [Binding("s", "rotate", "key.adm_rotate", id="keys.rotate"),
                Binding("c", "verify", "key.adm_verify", id="keys.verify"),
                Binding("escape", "back", "key.back", id="keys.back")]

    def compose(self):
        yield PgaHeader()
        with Vertical(id="admin-keys"):
            yield Static(Content(t("adm.keys.title")), classes="title")
            yield Static(Content(t("adm.keys.help")), classes="hint")
            yield from self.progress_widgets()
        yield PgaFooter()

    @work(exclusive=True, group="keys")
    async def action_rotate(self) -> None:
        password = await self.password(t("adm.keys.what_rotate"))
        if password is None:
            return
        result = await self.app.call(adm.rotate_key, password, progress=self.reporter())
        if result is not None:
            self._result(t("adm.keys.rotated", generation=result.generation, check=_check_text(result)))

    @work(exclusive=True, group="keys")
    async def action_verify(self) -> None:
        result = await self.app.call(adm.verify_vault, progress=self.reporter())
        if result is not None:
            self._result(t("adm.keys.verified", generation=result.generation, check=_check_text(result)))

    def action_back(self) -> None:
        self.app.pop_screen()


def needs_old_password(error: BaseException | None) -> bool:
    return getattr(error, "code", None) == "backup.old_password_needed"


BACKUP_COLUMNS = ("path", "date", "generation", "size", "present")


@route("admin_backups")
class BackupsScreen(_Progressing):
    HELP_KEY = "adm.backups.help"
    BINDINGS = [Binding("ctrl+b", "make", "key.adm_make", id="backups.make"),
                Binding("ctrl+t", "check", "key.adm_check", id="backups.check"),
                Binding("ctrl+r", "restore", "key.adm_restore", id="backups.restore", show=False),
                Binding("escape", "back", "key.back", id="backups.back")]

    def compose(self):
        self._rows: list[adm.BackupRow] = []
        yield PgaHeader()
        with Vertical(id="admin-backups"):
            yield Static(Content(t("adm.backups.title")), classes="title")
            yield Static(Content(t("adm.backups.path")), classes="field-label")
            yield Input(value=str(Path.home()) + "/", suggester=PathSuggester(), id="backup-path")
            yield Static(Content(t("adm.backups.target")), classes="field-label")
            yield Input(suggester=PathSuggester(), id="backup-target")
            yield from self.progress_widgets()
            table = DataTable(id="backups-table", cursor_type="row")
            table.add_columns(*(t(f"adm.backups.col.{c}") for c in BACKUP_COLUMNS))
            yield table
        yield PgaFooter()

    def on_mount(self) -> None:
        self.refresh_backups()
        self.query_one("#backup-path", Input).focus()

    @work(exclusive=True, group="backups-load")
    async def refresh_backups(self) -> None:
        rows = await self.app.call(adm.list_backups)
        if rows is None:
            return
        self._rows = rows
        table = self.query_one("#backups-table", DataTable)
        table.clear()
        for row in rows:
            present = t("adm.backups.yes") if row.present else t("adm.backups.no")
            table.add_row(*(user_cell(str(v)) for v in (row.path, show_moment(row.created_at),
                                                        row.generation, row.size, present)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._rows):
            self.query_one("#backup-path", Input).value = self._rows[event.cursor_row].path

    def _path(self, widget: str = "#backup-path") -> str | None:
        value = self.query_one(widget, Input).value.strip()
        if not value or value.endswith("/"):
            notify_literal(self.app, t("adm.backups.no_path"), severity="warning")
            return None
        return value

    @work(exclusive=True, group="backups")
    async def action_make(self) -> None:
        path = self._path()
        if path is None:
            return
        password = await self.password(t("adm.backups.what_make"))
        if password is None:
            return
        made = await self.app.call(adm.make_backup, password, path, progress=self.reporter())
        if made is not None:
            self._result(t("adm.backups.made", size=made.size, generation=made.generation))
            self.refresh_backups()

    @work(exclusive=True, group="backups")
    async def action_check(self) -> None:
        path = self._path()
        if path is None:
            return
        password = await self.password(t("adm.backups.what_check"))
        if password is None:
            return
        found = await self.app.call(adm.verify_backup, password, path)
        if found is None:
            return
        if not found.ok:
            self._result(t("adm.backups.bad", first=finding(found.problems[0])))
        elif found.contents_checked:
            self._result(t("adm.backups.checked", generation=found.generation, created=show_moment(found.created)))
        else:
            self._result(t("adm.backups.checked_structure"))

    @work(exclusive=True, group="backups")
    async def action_restore(self) -> None:
        path, target = self._path(), self._path("#backup-target")
        if path is None or target is None:
            return
        word = t("adm.backups.confirm_word")
        if not await self.app.push_screen_wait(TypedConfirmDialog(t("adm.backups.what_restore"), word,
                                                                  help_key=self.HELP_KEY)):
            return
        password = await self.password(t("adm.backups.what_restore"))
        if password is None:
            return
        old = None  # the password as it was when the backup was made, asked only when today's does not open it
        while (outcome := await self.app.attempt(adm.restore_backup, password, path, target, old,
                                                 quiet=True)).refused and needs_old_password(outcome.error):
            old = await self.app.push_screen_wait(PasswordDialog(
                outcome.text, title=t("adm.backups.old_password_title"), help_key=self.HELP_KEY))
            if old is None:
                return
        if not outcome.ok:
            self.app.report(outcome)
            return
        self._result(t("adm.backups.restored", target=target, accounts=", ".join(a for a, _ in outcome.value)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def forget(self) -> None:
        self._rows = []
