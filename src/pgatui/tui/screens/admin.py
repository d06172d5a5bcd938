"""The administration area (issue 15): one menu for beheerder and toezicht (and the case
director's subject requests), and the users screen. Changes ask the password again (the kit's
PasswordDialog) and go through pgatui.services.administration."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from pgatui.domain.access import Permission, allowed
from pgatui.domain.roles import Role
from pgatui.services import administration as adm
from pgatui.tui.kit.dialogs import FormDialog, PasswordDialog, SecretNoticeDialog
from pgatui.tui.kit.forms import FieldSpec
from pgatui.tui.kit.formats import label, show_moment
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_cell, user_line
from pgatui.tui.widgets import PgaFooter, PgaHeader

# (menu key, route, the permission that shows it, its words: the menu line and the key's description)
MENU = (("users", "admin_users", Permission.USER_MANAGE, "key.adm_menu_users"),
        ("keys", "admin_keys", Permission.KEY_ROTATE, "key.adm_menu_keys"),
        ("backups", "admin_backups", Permission.BACKUP_MAKE, "key.adm_menu_backups"),
        ("log", "access_log", Permission.AUDIT_READ, "key.adm_menu_log"),
        ("subject", "subject_request", Permission.SUBJECT_REQUEST, "key.adm_menu_subject"),
        ("settings", "settings", Permission.SETTINGS_CHANGE, "key.adm_menu_settings"),
        ("policy", "policy", Permission.POLICY_CHANGE, "key.adm_menu_policy"),
        ("retention", "retention", Permission.RETENTION_READ, "key.adm_menu_retention"),
        ("criteria", "criteria", Permission.CRITERIA_ADOPT, "key.adm_menu_criteria"))


def menu_for(role) -> list[tuple[str, str]]:
    return [(key, target) for key, target, permission, _ in MENU if allowed(role, permission)]


def menu_key(key: str) -> str:
    """The digit that opens a menu entry directly: its place in MENU, the same for every role."""
    return str(next(i for i, entry in enumerate(MENU, 1) if entry[0] == key))


def menu_line(key: str) -> str:
    return f"{menu_key(key)}  {t(next(words for name, _, _, words in MENU if name == key))}"


@route("admin")
class AdminScreen(PgaScreen):
    HELP_KEY = "adm.help"
    # Each entry also has its own key (shown in front of it; in F1 and the palette, not the footer).
    BINDINGS = [Binding("escape", "back", "key.back", id="admin.back"),
                *(Binding(menu_key(key), f"enter('{key}')", words, id=f"admin.{key}", show=False)
                  for key, _, _, words in MENU)]

    def compose(self):
        yield PgaHeader()
        with Vertical(id="admin"):
            yield Static(Content(t("adm.title")), classes="title")
            entries = menu_for(self.app.user.role)
            yield OptionList(*[Option(Content(menu_line(key)), id=target) for key, target in entries]
                             or [Option(Content(t("adm.nothing")), disabled=True)], id="admin-menu")
        yield PgaFooter()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "enter" and parameters:  # what the services allow this user (they check again)
            return any(self.allows(permission) for key, _, permission, _ in MENU if key == parameters[0])
        return True

    def action_enter(self, key: str) -> None:
        self.app.go(next(target for name, target, _, _ in MENU if name == key))

    def on_mount(self) -> None:
        self.query_one("#admin-menu", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.go(event.option.id)

    def action_back(self) -> None:
        self.app.pop_screen()


ALL = "all"  # the user form's answer for politie and OM seeing every municipality


def user_form(organisations: list, row: adm.UserRow | None = None) -> FormDialog:
    """Login (new users only), role, organisation and the municipalities the account sees; the
    answer is {"login", "role", "organisation_id", "municipalities": ids, None (the role's default)
    or ALL}."""
    chosen = () if row is None or row.municipalities is None else row.municipalities
    fields = [] if row else [FieldSpec("login", t("adm.form.login"), max_length=32)]
    fields += [FieldSpec("role", t("adm.form.role"), kind="select", value=row.role.value if row else "",
                         options=tuple((label(role), role.value) for role in Role)),
               FieldSpec("organisation", t("adm.form.organisation"), kind="select",
                         value=str(row.organisation_id) if row and row.organisation_id is not None else "",
                         options=tuple((o.name, str(o.id)) for o in organisations))]
    fields += [FieldSpec(f"m{o.id}", o.name, kind="check", value=o.name in chosen)
               for o in organisations if o.is_municipality]
    fields.append(FieldSpec(ALL, t("adm.form.all"), kind="check", value=row is not None and row.municipalities is None))
    municipalities = [o.id for o in organisations if o.is_municipality]

    def check(values: dict) -> tuple[dict | None, dict[str, str]]:
        errors = {name: t("kit.required") for name in ("login", "role", "organisation")
                  if name in values and not str(values[name]).strip()}
        if errors:
            return None, errors
        ticked = [m for m in municipalities if values[f"m{m}"]]
        return {"login": row.login if row else str(values["login"]).strip(), "role": values["role"],
                "organisation_id": int(values["organisation"]),
                "municipalities": ALL if values[ALL] else (ticked or None)}, {}

    title = t("adm.form.title_change", login=row.login) if row else t("adm.form.title_add")
    return FormDialog(title, fields, check, intro=t("adm.form.municipalities"), help_key="adm.users.help")


USER_COLUMNS = ("login", "role", "organisation", "municipalities", "last_login", "state")


@route("admin_users")
class UsersScreen(PgaScreen):
    HELP_KEY = "adm.users.help"
    BINDINGS = [
        Binding("a", "add", "key.adm_add", id="users.add"),
        Binding("u", "disable", "key.adm_disable", id="users.disable"),
        Binding("e", "enable", "key.adm_enable", id="users.enable", show=False),
        Binding("w", "reset", "key.adm_reset", id="users.reset", show=False),
        Binding("r", "change", "key.adm_change", id="users.change"),
        Binding("s", "rotate", "key.adm_rotate_now", id="users.rotate", show=False),
        Binding("escape", "back", "key.back", id="users.back"),
    ]

    def compose(self):
        self._rows: list[adm.UserRow] = []
        yield PgaHeader()
        with Vertical(id="admin-users"):
            yield Static(Content(t("adm.users.title")), classes="title")
            table = DataTable(id="users-table", cursor_type="row", zebra_stripes=True)
            table.add_columns(*(t(f"adm.users.col.{c}") for c in USER_COLUMNS))
            yield table
            yield Static("", id="users-status")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.refresh_users()

    @work(exclusive=True, group="users-load")
    async def refresh_users(self) -> None:
        rows = await self.app.call(adm.list_users)
        if rows is None:
            return
        self._rows = rows
        table = self.query_one("#users-table", DataTable)
        table.clear()
        for row in rows:
            seen = t("adm.users.all") if row.municipalities is None else ", ".join(row.municipalities) or "-"
            state = t("adm.users.disabled") if row.disabled else (
                t("adm.users.must_change") if row.must_change_password else t("adm.users.active"))
            when = show_moment(row.last_login) if row.last_login else t("adm.users.never")
            table.add_row(*(user_cell(v) for v in (row.login, label(row.role), row.organisation, seen, when, state)),
                          key=row.login)
        table.focus()

    def _selected(self) -> adm.UserRow | None:
        table = self.query_one("#users-table", DataTable)
        if not self._rows or table.cursor_row is None or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def _status(self, text: str) -> None:
        self.query_one("#users-status", Static).update(user_line(text))
        notify_literal(self.app, text)

    async def _password(self, what: str) -> str | None:
        return await self.app.push_screen_wait(PasswordDialog(t("adm.pw.question", what=what), help_key="adm.help"))

    async def _show_secret(self, login: str, secret: str) -> None:
        await self.app.push_screen_wait(SecretNoticeDialog(t("adm.secret.title"), t("adm.secret.intro", login=login),
                                                           secret))

    @work(exclusive=True, group="users-change")
    async def action_add(self) -> None:
        organisations = await self.app.call(adm.list_organisations)
        if organisations is None:
            return
        form = await self.app.push_screen_wait(user_form(organisations))
        if form is None:
            return
        password = await self._password(t("adm.users.what_add"))
        if password is None:
            return
        scope = adm.ALL_MUNICIPALITIES if form["municipalities"] == ALL else form["municipalities"]
        secret = await self.app.call(adm.add_user, password, form["login"], form["role"], form["organisation_id"], scope)
        if secret is not None:
            self._status(t("adm.users.added", login=form["login"]))
            self.refresh_users()
            await self._show_secret(form["login"].lower(), secret)

    @work(exclusive=True, group="users-change")
    async def action_disable(self) -> None:
        row = self._selected()
        if row is None:
            return
        password = await self._password(t("adm.users.what_disable", login=row.login))
        if password is not None and await self.app.call(adm.disable_user, password, row.login):
            self._status(t("adm.users.disabled_done", login=row.login))
            self.refresh_users()

    @work(exclusive=True, group="users-change")
    async def action_enable(self) -> None:
        row = self._selected()
        if row is None:
            return
        password = await self._password(t("adm.users.what_enable", login=row.login))
        if password is not None and (await self.app.attempt(adm.enable_user, password, row.login)).ok:  # returns nothing
            self.refresh_users()
            self._status(t("adm.users.enabled_done", login=row.login))

    @work(exclusive=True, group="users-change")
    async def action_reset(self) -> None:
        row = self._selected()
        if row is None:
            return
        password = await self._password(t("adm.users.what_reset", login=row.login))
        if password is None:
            return
        secret = await self.app.call(adm.reset_password, password, row.login)
        if secret is not None:
            self.refresh_users()
            await self._show_secret(row.login, secret)

    @work(exclusive=True, group="users-change")
    async def action_change(self) -> None:
        row = self._selected()
        if row is None:
            return
        organisations = await self.app.call(adm.list_organisations)
        if organisations is None:
            return
        form = await self.app.push_screen_wait(user_form(organisations, row))
        if form is None:
            return
        password = await self._password(t("adm.users.what_change", login=row.login))
        if password is None:
            return
        scope = adm.ALL_MUNICIPALITIES if form["municipalities"] == ALL else form["municipalities"]
        done = await self.app.call(adm.change_account, password, row.login, role=form["role"],
                                   organisation_id=form["organisation_id"], municipalities=scope)
        if done:
            self._status(t("adm.users.changed_done", login=row.login))
            self.refresh_users()

    def action_rotate(self) -> None:
        self.app.go("admin_keys")

    def action_back(self) -> None:
        self.app.pop_screen()

    def forget(self) -> None:
        self._rows = []

