"""The retention policy in force: its version, each rule with its legal source; beheerder loads a new one."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui.domain.access import Permission
from pgatui.errors import AccessDenied
from pgatui.services import retention as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.kit.formats import label, show_moment
from pgatui.tui.i18n import t
from pgatui.tui.routes import route
from pgatui.tui.safe import labelled, notify_literal, user_line, user_text
from pgatui.tui.kit.dialogs import PathDialog
from pgatui.tui.widgets import PgaFooter, PgaHeader


@route("policy")
class PolicyScreen(PgaScreen):
    HELP_KEY = "ret.policy_help"
    BINDINGS = [
        Binding("l", "load", "key.ret_load", id="policy.load"),
        Binding("escape", "back", "key.back", id="policy.back"),
    ]

    def compose(self):
        yield PgaHeader()
        yield VerticalScroll(Static(""), id="policy")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="policy")

    async def _load(self) -> None:
        body = self.query_one("#policy", VerticalScroll)
        outcome = await self.app.attempt(svc.read_policy, quiet=True)
        if not outcome.ok and not isinstance(outcome.error, AccessDenied):
            self.app.report(outcome)
            return
        await body.remove_children()
        if not outcome.ok:
            await body.mount(Static(Content(t("ret.policy_denied")), classes="warning"))
            return
        await body.mount_all(self._widgets(outcome.value))
        body.focus()

    @staticmethod
    def _widgets(view: svc.PolicyView) -> list[Static]:
        # The policy file comes from a beheerder: its text is shown literally, never as markup.
        policy = view.policy
        installed = (t("ret.policy_installed", login=view.installed_by, at=show_moment(view.installed_at))
                     if view.installed_by else t("ret.policy_shipped"))
        widgets = [Static(user_line(t("ret.policy_title", version=policy.version, adopted=policy.adopted)),
                          classes="title"),
                   Static(user_line(installed)), Static(user_text(policy.note) + Content("\n"))]
        for rule in policy.rules:
            widgets.append(Static(user_line(t("ret.policy_rule", rule=rule.id, months=rule.keep_months,
                                              event=t(f"ret.event.{rule.after.value}"))), classes="subtitle"))
            outcomes = ", ".join(sorted(label(o) for o in rule.outcomes)) if rule.outcomes else None
            lines = [user_line(t("ret.policy_outcomes", outcomes=outcomes) if outcomes else t("ret.policy_any")),
                     user_line(t("ret.policy_settled", answer=t("ret.yes") if rule.settled else t("ret.no"))),
                     labelled(t("ret.policy_source"), "") + user_text(rule.source)]
            widgets.append(Static(Content("\n").join(lines) + Content("\n")))
        if view.history:
            versions = ", ".join(f"{version} ({by}, {show_moment(at)})" for version, by, at in view.history)
            widgets.append(Static(user_line(t("ret.policy_history", versions=versions))))
        return widgets

    def action_load(self) -> None:
        if not self.allows(Permission.POLICY_CHANGE):
            notify_literal(self.app, t("ret.policy_load_denied"), severity="warning")
            return

        async def install(path: str) -> None:
            policy = await self.app.call(svc.install_policy_file, path)
            if policy is not None:
                notify_literal(self.app, t("ret.policy_loaded", version=policy.version))
                await self._load()

        def chosen(path: str | None) -> None:
            if path:
                self.run_worker(install(path), group="policy-load")

        self.app.push_screen(PathDialog(t("ret.policy_load_title"), t("ret.policy_load_path"),
                                        help_key="ret.policy_load_help"), chosen)

    def action_back(self) -> None:
        self.leave()
