"""Pilot tests of the case meeting: plan a meeting of several cases with a partner invited to some,
run it (attendance, minutes typed and autosaved, surviving a lock), finalise, addendum, export per
partner, and what a partner user later sees."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TabbedContent, TextArea

from helpers import ADMIN, ADMIN_PW
from people import register_organisation
from pilot import settle, static_text, type_unlock, until_screen, wait_for
from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (Conclusion, CriterionNote, CriterionView, Ideology, Participant, PartyView,
                                  PersonInput, SignalInput, SourceKind, Urgency, WeighingOutcome)
from pgatui.domain.roles import Role
from pgatui.services import cases as svc
from pgatui.services import meetings, weighing
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.tui.screens import meetings as meeting_screens  # noqa: F401 - registers the routes
from pgatui.tui.screens import minutes as minutes_screens
from pgatui.tui.screens import monitoring as monitoring_screens  # noqa: F401
from pgatui.vault import change_password, open_vault

PARTNER_ORG = "Reclassering Test"
USERS = (("gea", "gemeente", "Gemeente Test"), ("pim", "politie", "Politie Test"), ("olga", "om", "OM Test"),
         ("rob", "partner", PARTNER_ORG))
HOSTILE = "[@click=app.quit]Kwaad[/] \x1b[2J\u202eomgekeerd"


def pw(login: str) -> str:
    return f"wachtzin-voor-{login[::-1]}-lang"


def _weigh(session, case_id):
    opened = weighing.open_weighing(session, case_id)
    notes = tuple(CriterionNote(criterion_id=c, view=CriterionView.VAN_TOEPASSING, note="besproken")
                  for c in load_catalogue().ids())
    for login, role, org in USERS[:3]:
        weighing.record_presence(session, opened.weighing.id, Participant(role=Role(role), name=login,
                                                                          organisation=org))
        weighing.record_view(session, opened.weighing.id, PartyView(role=Role(role), criteria=notes, overall="x"))
    weighing.conclude(session, opened.weighing.id, Conclusion(outcome=WeighingOutcome.OPNEMEN, reasons="criteria"))
    for login, *_ in USERS[:3]:
        weighing.confirm_with_password(session, opened.weighing.id, login, pw(login))


@pytest.fixture
def team(vault_path):
    """Four users and three cases in the meeting phase: (vault path, [case numbers and ids])."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = {login: vault.add_user(login, role, org) for login, role, org in USERS}
    for login, _, _ in USERS:
        change_password(vault_path, login, one_time[login], pw(login))
    cases = []
    with open_vault(vault_path, "gea", pw("gea")) as vault:
        session = Session(vault)
        for name in ("Zwaantje Oudewaterloo", "Hendrikje Vasthouder", HOSTILE):
            case = svc.take_in_signal(session, SignalInput(
                received_on=dt.date(2026, 11, 1), received_by="Gemeente Test", source_kind=SourceKind.BURGER,
                observed_facts="Deelt filmpjes", ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL),
                person=PersonInput(name=name, date_of_birth=dt.date(2001, 2, 3), address="Fictiestraat 9"))
            _weigh(session, case.id)
            cases.append(case)
    return vault_path, cases


async def sign_in(pilot, login):
    await type_unlock(pilot, login, pw(login))
    await until_screen(pilot, "DashboardScreen")


def minutes_saved(path, meeting_id, case_id):
    with open_vault(path, "gea", pw("gea")) as vault:
        return [m for m in meetings.minutes_of_case(Session(vault), case_id) if m.meeting_id == meeting_id]


def form_of(app, case_id) -> minutes_screens.MinutesForm:
    return app.screen.query_one(f"#case-{case_id}").query_one(minutes_screens.MinutesForm)


async def type_into(pilot, widget, text):
    widget.focus()
    await settle(pilot)
    for char in text:
        await pilot.press("space" if char == " " else char)


async def test_plan_run_finalise_export_and_what_the_partner_sees(team, tmp_path):
    path, (zwaan, hendrik, hostile) = team
    app = PgaApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "gea")
        app.go("meetings")
        await until_screen(pilot, "MeetingsScreen")
        await pilot.press("n")
        await until_screen(pilot, "PlanMeetingScreen")
        await wait_for(pilot, lambda: len(app.screen._candidates) == 3, what="three candidates")
        screen = app.screen
        candidates = screen.query_one("#candidates", OptionList)
        candidates.focus()
        order = [c.case.id for c in screen._candidates]
        for case in (zwaan, hendrik, hostile):
            candidates.highlighted = order.index(case.id)
            await settle(pilot)
            if case is zwaan:  # inviting an organisation from the register picks the case
                await pilot.press("i")
                await until_screen(pilot, "PickDialog")
                app.screen.query_one("#invite").highlighted = app.screen._choices.index(PARTNER_ORG)
                await pilot.press("space", "enter")
                await until_screen(pilot, "PlanMeetingScreen")
            else:
                await pilot.press("space")
        await settle(pilot)
        assert screen._picked == {zwaan.id: frozenset({PARTNER_ORG}), hendrik.id: frozenset(), hostile.id: frozenset()}
        await pilot.press("ctrl+s")
        await until_screen(pilot, "MinutesScreen")
        await wait_for(pilot, lambda: zwaan.number in static_text(app) and app.screen._forms, what="meeting")
        meeting_id = app.screen.meeting_id
        assert hostile.number in static_text(app)

        # attendance: add two people, mark one absent with the space bar
        app.screen.query_one("#mt-tabs", TabbedContent).active = "tab-att"
        await settle(pilot)
        for name, org, role in (("gea", "Gemeente Test", "voorzitter"), ("rob", PARTNER_ORG, "reclassering")):
            app.screen.query_one("#att-name", Input).value = name
            app.screen.query_one("#att-org", Input).value = org
            app.screen.query_one("#att-role", Input).value = role
            app.screen.query_one("#att-role", Input).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda n=name: any(n in str(c.label) for c in app.screen.query(Checkbox)))
        await settle(pilot)  # the attendance is saved and its list drawn anew before a box is toggled
        app.screen.query_one("#att-1", Checkbox).focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: not app.screen._view.meeting.attendance[1].present, what="absent")

        # minutes of the first case: typed, autosaved after a pause
        app.screen.query_one("#mt-tabs", TabbedContent).active = f"tab-{zwaan.id}"
        await settle(pilot)
        form = form_of(app, zwaan.id)
        await type_into(pilot, form.query_one(".x-decisions", TextArea), "Opnemen in de PGA")
        await wait_for(pilot, lambda: "opgeslagen" in str(app.screen.query_one("#mt-state", Static).render()),
                       what="autosave")
        goals = form.query_one(".x-goals", TextArea)
        goals.text = "Heeft een vaste dagbesteding\nHeeft contact met een mentor"
        shared = form.query_one(".mt-group-shared").query_one(minutes_screens.MinutesRow)
        shared.query_one(".v-supplied_by", Input).value = "Politie Test"
        shared.query_one(".v-text", TextArea).text = "Gedeeld door politie"
        intervention = form.query_one(".mt-group-interventions").query_one(minutes_screens.MinutesRow)
        intervention.query_one(".v-kind", Select).value = "mentoring"
        intervention.query_one(".v-owner_partner", Input).value = PARTNER_ORG
        intervention.query_one(".v-starts_on", Input).value = "01-12-2026"
        intervention.query_one(".v-evaluate_on", Input).value = "2027-03-01"
        action = form.query_one(".mt-group-actions").query_one(minutes_screens.MinutesRow)
        action.query_one(".v-description", Input).value = "Mentor zoeken"
        action.query_one(".v-owner", Input).value = "rob"
        action.query_one(".v-owner_organisation", Input).value = PARTNER_ORG
        action.query_one(".v-due_on", Input).value = "15-12-2026"
        form.query_one(".v-inf-reason_not_to", Input).value = "Lopend onderzoek"
        form.query_one(".v-inf-reconsider_on", Input).value = "01-02-2027"
        # the shared item has no legal basis yet: it is not saved, and says so next to it
        await wait_for(pilot, lambda: "Wettelijke grondslag" in str(shared.query_one(".mt-row-error").render()),
                       what="row error")
        shared.query_one(".v-legal_basis", Input).value = "Wpg art. 19"
        # lock right after typing, before the field has even posted its change: nothing may be lost
        app.lock()
        await until_screen(pilot, "UnlockScreen")
        assert "Mentor zoeken" not in static_text(app)
        await type_unlock(pilot, "gea", pw("gea"))
        await until_screen(pilot, "MinutesScreen")
        await wait_for(pilot, lambda: app.screen._forms, what="forms after unlock")
        app.screen.query_one("#mt-tabs", TabbedContent).active = f"tab-{zwaan.id}"
        await settle(pilot)
        draft, errors = form_of(app, zwaan.id).draft()
        assert errors == {}
        assert draft.decisions == "Opnemen in de PGA"
        assert [s.legal_basis for s in draft.shared] == ["Wpg art. 19"]
        assert draft.goals == ("Heeft een vaste dagbesteding", "Heeft contact met een mentor")
        assert draft.interventions[0].evaluate_on == dt.date(2027, 3, 1)
        assert draft.actions[0].owner == "rob" and draft.informing.reason_not_to == "Lopend onderzoek"

        # the hostile case: hostile text typed into the minutes is data
        app.screen.query_one("#mt-tabs", TabbedContent).active = f"tab-{hostile.id}"
        await settle(pilot)
        form_of(app, hostile.id).query_one(".x-decisions", TextArea).text = HOSTILE
        await pilot.press("ctrl+s")
        await settle(pilot)

        # finalise the first case after a confirmation; then it is read-only
        app.screen.query_one("#mt-tabs", TabbedContent).active = f"tab-{zwaan.id}"
        await settle(pilot)
        await pilot.press("ctrl+f")
        await until_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await until_screen(pilot, "MinutesScreen")
        await wait_for(pilot, lambda: "Definitief op" in static_text(app), what="final minutes")
        assert not app.screen.query_one(f"#case-{zwaan.id}").query(minutes_screens.MinutesForm)
        refused = await app.call(meetings.save_minutes, meeting_id, zwaan.id, form_of(app, hendrik.id).draft()[0])
        assert refused is None  # the service refuses: final minutes change only by addenda

        # an addendum, shown with its date
        await pilot.press("ctrl+t")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-text", TextArea).text = "Correctie: mentor via wijkteam"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "MinutesScreen")
        today = dt.date.today().strftime("%d-%m-%Y")
        await wait_for(pilot, lambda: f"{today} (gea): Correctie: mentor via wijkteam" in static_text(app),
                       what="addendum")

        # export for the partner: only its case
        await pilot.press("ctrl+o")
        await until_screen(pilot, "ChoiceDialog")
        await pilot.press("down", "enter")
        await until_screen(pilot, "ExportDialog")
        target = tmp_path / "voor-reclassering.txt"
        app.screen.query_one("#export-path", Input).value = str(target)
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, target.exists, what="export file")
        exported = target.read_text(encoding="utf-8")
        assert zwaan.number in exported and "Mentor zoeken" in exported and "Correctie" in exported
        assert hendrik.number not in exported and hostile.number not in exported

        # leave: the drafts are saved on the way out
        await pilot.press("escape")
        await until_screen(pilot, "MeetingsScreen")

    saved = minutes_saved(path, meeting_id, hostile.id)
    assert saved and "Kwaad" in saved[0].decisions and not saved[0].is_final
    with open_vault(path, "gea", pw("gea")) as vault:
        assert svc.read_case(Session(vault), zwaan.id).case.phase.value == "monitoring"

    # the partner: only its case, only the final minutes, nothing of the other cases
    partner_app = PgaApp(path)
    async with partner_app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "rob")
        partner_app.go("meeting", meeting_id=meeting_id)
        await until_screen(pilot, "MinutesScreen")
        await wait_for(pilot, lambda: "Opnemen in de PGA" in static_text(partner_app), what="partner view")
        text = static_text(partner_app)
        assert zwaan.number in text and "Gedeeld door politie" in text and "Correctie" in text
        assert hendrik.number not in text and hostile.number not in text and "Hendrikje" not in text
        assert not partner_app.screen.query(minutes_screens.MinutesForm)  # a partner never edits
        tabs = [pane.id for pane in partner_app.screen.query("TabPane")]
        assert tabs == ["tab-att", f"tab-{zwaan.id}"]
        # on a shared screen the person shows as initials
        partner_app.shared_screen = True
        await wait_for(pilot, lambda: "Z.O." in static_text(partner_app), what="initials")
        assert "Zwaantje" not in str(partner_app.screen.query_one(f"#head-{zwaan.id}").render())


def finalised_meeting(path, case_id):
    """A meeting with final minutes for `case_id` (partner invited): an intervention and an action for rob."""
    from pgatui.domain.models import (ActionItemInput, AgendaItem, AgendaReason, InterventionInput,
                                      InterventionKind, MeetingInput, MinutesDraft)
    with open_vault(path, "gea", pw("gea")) as vault:
        session = Session(vault)
        held = meetings.plan_meeting(session, MeetingInput(held_on=session.today(), chair="gea", agenda=(
            AgendaItem(case_id=case_id, reason=AgendaReason.NIEUW, invited=frozenset({PARTNER_ORG})),)))
        meetings.save_minutes(session, held.id, case_id, MinutesDraft(
            decisions="Opnemen", goals=("Heeft werk",),
            interventions=(InterventionInput(kind=InterventionKind.WERK, owner_partner=PARTNER_ORG,
                                             starts_on=dt.date(2026, 12, 1), evaluate_on=dt.date(2027, 3, 1)),),
            actions=(ActionItemInput(description="Werkplek zoeken", owner="rob", owner_organisation=PARTNER_ORG,
                                     due_on=dt.date(2026, 12, 15)),)))
        meetings.finalise_minutes(session, held.id, case_id)
    return held.id


async def test_monitoring_partner_completes_and_evaluates_then_gemeente_reviews_and_closes(team):
    path, (zwaan, *_rest) = team
    finalised_meeting(path, zwaan.id)
    app = PgaApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "rob")
        app.go("monitoring", case_id=zwaan.id)
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: "Werkplek zoeken" in str(app.screen.query_one("#mon-actions").render_line(0)
                                                                 .text) or app.screen._process is not None)
        app.screen.query_one("#mon-actions").focus()
        app.screen.query_one("#mon-actions").highlighted = 0
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen._process is not None and app.screen._process.actions[0].done_on,
                       what="action done")
        app.screen.query_one("#mon-interventions").focus()
        app.screen.query_one("#mon-interventions").highlighted = 0
        await pilot.press("e")
        await until_screen(pilot, "FormDialog")
        await pilot.press("ctrl+s")  # the evaluation text is missing: shown next to the field
        await wait_for(pilot, lambda: "verplicht" in str(app.screen.query_one("#derr-evaluation").render()))
        app.screen.query_one("#d-evaluation", TextArea).text = "Loopt goed"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: app.screen._process is not None
                       and app.screen._process.interventions[0].evaluation == "Loopt goed", what="evaluated")
        assert not app.screen.check_action("close_case", ())  # a partner does not close cases
    app = PgaApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "gea")
        app.go("monitoring", case_id=zwaan.id)
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: app.screen._process is not None)
        await pilot.press("h")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-reason", TextArea).text = "Doelen nog niet bereikt"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: "Doelen nog niet bereikt" in static_text(app), what="review")
        await pilot.press("s")
        await until_screen(pilot, "FormDialog")
        app.screen.query_one("#d-reason", TextArea).text = "Doelen bereikt"
        await pilot.press("ctrl+s")
        await until_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await until_screen(pilot, "MonitoringScreen")
        await wait_for(pilot, lambda: "Doelen bereikt" in static_text(app), what="closed")
    with open_vault(path, "gea", pw("gea")) as vault:
        assert svc.read_case(Session(vault), zwaan.id).case.phase.value == "afgesloten"


@pytest.mark.parametrize("text", __import__("hostile").TEXTS, ids=__import__("hostile").IDS)
def test_hostile_text_in_minutes_is_shown_as_literal_data(text):
    """Every field of final minutes (and an addendum) carries hostile text: shown literally, no
    control characters, no markup, no crash."""
    from hostile import FORBIDDEN, literal
    from pgatui.domain.models import (ActionItemInput, Addendum, CaseMinutes, InformingDecision,
                                      InterventionInput, InterventionKind, MinutesStatus, RiskAssessment,
                                      SharedInformation)

    value = text.strip() or "x"
    day = dt.date(2026, 11, 25)
    minutes = CaseMinutes(
        meeting_id=1, case_id=1, status=MinutesStatus.DEFINITIEF, finalised_on=day, finalised_by=value[:120],
        shared=(SharedInformation(supplied_by=value[:120], legal_basis=value[:300], text=value),),
        risk=(RiskAssessment(instrument=value[:40], assessed_on=day, outcome=value[:2000]),),
        decisions=value, goals=(value[:2000],),
        interventions=(InterventionInput(kind=InterventionKind.GESPREK, owner_partner=value[:120], starts_on=day,
                                         evaluate_on=day, description=value[:5000]),),
        actions=(ActionItemInput(description=value[:2000], owner=value[:120], owner_organisation=value[:120],
                                 due_on=day),),
        informing=InformingDecision(reason_not_to=value, reconsider_on=day),
        addenda=(Addendum(written_on=day, author=value[:120], text=value),))
    shown = minutes_screens.minutes_content(minutes).plain
    assert not any(char in shown for char in FORBIDDEN)
    first_line = literal(value).split("\n")[0][:30]
    assert first_line.strip() in shown


async def test_a_due_case_is_added_to_a_planned_meeting_with_its_invitation(team):
    from pgatui.domain.models import AgendaItem, AgendaReason, MeetingInput
    path, (zwaan, hendrik, _) = team
    register_organisation(path, "GGZ Test", "ggz")
    with open_vault(path, "gea", pw("gea")) as vault:
        session = Session(vault)
        held = meetings.plan_meeting(session, MeetingInput(held_on=session.today(), chair="gea", agenda=(
            AgendaItem(case_id=zwaan.id, reason=AgendaReason.NIEUW),)))
    app = PgaApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot, "gea")
        app.go("meetings")
        await until_screen(pilot, "MeetingsScreen")
        await wait_for(pilot, lambda: "1 casus" in static_text(app) or "1 casus" in str(
            app.screen.query_one("#meetings").get_option_at_index(0).prompt), what="meeting listed")
        await pilot.press("a")
        await until_screen(pilot, "ChoiceDialog")
        choices = app.screen.query_one("#choices")
        shown = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert hendrik.number in shown[0] and not any(zwaan.number in line for line in shown)  # on the agenda
        await pilot.press("enter")  # the first due case: Hendrikje's
        await until_screen(pilot, "PickDialog")
        invite = app.screen.query_one("#invite")
        for name in (PARTNER_ORG, "GGZ Test"):  # both from the register
            invite.highlighted = app.screen._choices.index(name)
            await pilot.press("space")
        await pilot.press("enter")
        await until_screen(pilot, "MeetingsScreen")
        await wait_for(pilot, lambda: "2 casus" in str(
            app.screen.query_one("#meetings").get_option_at_index(0).prompt), what="agenda of two")
    with open_vault(path, "gea", pw("gea")) as vault:
        agenda = meetings.read_meeting(Session(vault), held.id).meeting.agenda
    assert [(item.case_id, item.invited) for item in agenda][1] == (hendrik.id, frozenset({PARTNER_ORG, "GGZ Test"}))


async def test_the_shared_screen_toggled_while_the_meeting_loads_is_drawn_once_loaded(team, monkeypatch):
    """Ctrl+G may come while the case tabs are still being added: no error, and the heads follow it."""
    path, (zwaan, *_rest) = team
    held = finalised_meeting(path, zwaan.id)
    app = PgaApp(path)
    add_pane = TabbedContent.add_pane

    def toggled_first(tabs, pane, *args, **kwargs):
        if str(pane.id).startswith("tab-") and pane.id != "tab-att":
            app.action_toggle_shared()  # as if Ctrl+G arrived between two tabs
        return add_pane(tabs, pane, *args, **kwargs)

    monkeypatch.setattr(TabbedContent, "add_pane", toggled_first)
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "gea")
        app.go("meeting", meeting_id=held)
        await until_screen(pilot, "MinutesScreen")
        await wait_for(pilot, lambda: app.screen._forms or app.screen._view is not None and
                       app.screen.query(f"#head-{zwaan.id}"), what="the case tab")
        await settle(pilot)
        assert app.shared_screen
        assert "Zwaantje Oudewaterloo" not in static_text(app)  # the heads show initials on the shared screen
