"""The weighing criteria in force in the vault, by kind, with every adoption (issue 14, item 1).

A gemeente user or the beheerder adopts a new version: from a JSON file (L: kit Path dialog) or
by changing or adding one criterion in a form (W); both ask the reason and the date of adoption.
Criteria texts may come from a file a user chose: they are shown literally, never as markup.
"""

from __future__ import annotations

from pydantic import ValidationError
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pgatui import clock
from pgatui.domain.access import Permission
from pgatui.domain.criteria import Criterion
from pgatui.domain.enums import CriterionKind
from pgatui.services import criteria as svc
from pgatui.tui.base import PgaScreen
from pgatui.tui.i18n import t
from pgatui.tui.kit.dialogs import ChoiceDialog, FormDialog, PathDialog
from pgatui.tui.kit.formats import label, show_date
from pgatui.tui.kit.forms import FieldSpec, parse_dates, validation_messages
from pgatui.tui.routes import route
from pgatui.tui.safe import notify_literal, user_line, user_text
from pgatui.tui.widgets import PgaFooter, PgaHeader

ADOPTION_FIELDS = ("reason", "adopted_on")


@route("criteria")
class CriteriaScreen(PgaScreen):
    HELP_KEY = "crit.help"
    BINDINGS = [
        Binding("l", "load", "key.crit_load", id="criteria.load"),
        Binding("w", "edit", "key.crit_edit", id="criteria.edit"),
        Binding("escape", "back", "key.back", id="criteria.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._view: svc.CriteriaView | None = None

    def compose(self):
        yield PgaHeader()
        yield VerticalScroll(Static(Content(t("crit.loading"))), id="criteria")
        yield PgaFooter()

    def on_mount(self) -> None:
        self.run_worker(self._load(), exclusive=True, group="criteria")

    async def _load(self) -> None:
        view = await self.app.call(svc.read_criteria)
        if view is None:
            return
        self._view = view
        body = self.query_one("#criteria", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._widgets(view))
        body.focus()

    @staticmethod
    def _widgets(view: svc.CriteriaView) -> list[Static]:
        catalogue = view.catalogue
        widgets = [Static(user_line(t("crit.title", version=catalogue.version, adopted=show_date(catalogue.adopted))),
                          classes="title"),
                   Static(user_text(catalogue.note) + Content("\n")),
                   Static(Content(t("crit.source") + ": ") + user_text(catalogue.source) + Content("\n"))]
        for kind in CriterionKind:
            criteria = catalogue.of_kind(kind)
            if criteria:
                widgets.append(Static(Content(label(kind)), classes="subtitle"))
                widgets += [Static(user_line(c.title).stylize("bold") + Content("\n") + user_text(c.explanation)
                                   + Content("\n")) for c in criteria]
        widgets.append(Static(Content(t("crit.adoptions")), classes="subtitle"))
        widgets += [Static(user_line(t("crit.adoption", version=a.version, adopted=show_date(a.adopted_on),
                                       by=a.adopted_by, reason=a.reason))) for a in view.adoptions]
        return widgets

    def _may_adopt(self) -> bool:
        if self.allows(Permission.CRITERIA_ADOPT):
            return True
        notify_literal(self.app, t("crit.denied"), severity="warning")
        return False

    def action_load(self) -> None:
        if self._may_adopt():
            self.run_worker(self._adopt_file(), exclusive=True, group="criteria-adopt")

    async def _adopt_file(self) -> None:
        path = await self.app.push_screen_wait(PathDialog(t("crit.load_title"), t("crit.load_path"),
                                                          help_key="crit.load_help"))
        if path is None:
            return
        adoption = await self.app.push_screen_wait(self._adoption_form(t("crit.load_title"), []))
        if adoption is None:
            return
        adopted = await self.app.call(svc.adopt_catalogue_file, path, **adoption)
        await self._adopted(adopted)

    def action_edit(self) -> None:
        if self._view is not None and self._may_adopt():
            self.run_worker(self._edit(), exclusive=True, group="criteria-adopt")

    async def _edit(self) -> None:
        catalogue = self._view.catalogue
        choices = [c.title for c in catalogue.criteria] + [t("crit.new_criterion")]
        index = await self.app.push_screen_wait(ChoiceDialog(t("crit.edit_which"), choices))
        if index is None:
            return
        current = catalogue.criteria[index] if index < len(catalogue.criteria) else None
        fields = [FieldSpec("id", t("crit.field.id"), value=current.id if current else "", max_length=60),
                  FieldSpec("title", t("crit.field.title"), value=current.title if current else "", max_length=120),
                  FieldSpec("explanation", t("crit.field.explanation"), kind="area",
                            value=current.explanation if current else "", max_length=2000),
                  FieldSpec("kind", t("crit.field.kind"), kind="select",
                            options=tuple((label(k), k.value) for k in CriterionKind),
                            value=(current.kind if current else CriterionKind.RISICO).value)]
        answer = await self.app.push_screen_wait(self._adoption_form(t("crit.edit_title"), fields, criterion=True))
        if answer is None:
            return
        criterion, adoption = answer
        adopted = await self.app.call(svc.adopt_edited, criterion, replaces=current.id if current else None,
                                      **adoption)
        await self._adopted(adopted)

    def _adoption_form(self, title: str, fields: list[FieldSpec], *, criterion: bool = False) -> FormDialog:
        """The kit form for an adoption: (criterion fields,) the new version's name, date and reason."""
        version = [FieldSpec("version", t("crit.field.version"), max_length=40)] if criterion else []
        fields = [*fields, *version,
                  FieldSpec("adopted_on", t("crit.field.adopted_on"), kind="date", value=show_date(clock.today())),
                  FieldSpec("reason", t("crit.field.reason"), kind="area", max_length=2000)]

        def check(values: dict):
            data, errors = parse_dates(values, ["adopted_on"])
            for name in ("reason", "adopted_on", *(["version"] if criterion else [])):
                if not str(values.get(name, "")).strip():
                    errors.setdefault(name, t("kit.required"))
            adoption = {"reason": str(values["reason"]).strip(), "adopted_on": data.get("adopted_on")}
            if not criterion:
                return (None if errors else adoption), errors
            adoption["version"] = str(values["version"]).strip()
            try:
                built = Criterion(id=values["id"], title=values["title"], explanation=values["explanation"],
                                  kind=values["kind"])
            except ValidationError as exc:
                errors.update({k: v for k, v in validation_messages(exc).items() if k not in errors})
                return None, errors
            return (None if errors else (built, adoption)), errors

        return FormDialog(title, fields, check, intro=t("crit.form_intro"), help_key="crit.form_help")

    async def _adopted(self, adopted) -> None:
        if adopted is not None:
            notify_literal(self.app, t("crit.adopted", version=adopted.version))
            await self._load()

    def action_back(self) -> None:
        self.leave()
