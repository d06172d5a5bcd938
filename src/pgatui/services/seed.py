"""Synthetic cases for demos and benchmarks (`pgatui seed`, the demo vault).

Bulk inserts in one transaction per batch, with one audit event per batch: 100,000 persons
must be quick, and the audit log records that synthetic data was added, not each fake person.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from pgatui.domain.criteria import load_catalogue
from pgatui.domain.models import (ActionItemInput, AgendaItem, AgendaReason, CaseMinutes, Confirmation, CriterionNote,
                                  CriterionView, InterventionInput, InterventionKind, InterventionStatus, MeetingInput,
                                  Participant, PartyView, Phase, SignalInput, Weighing, WeighingOpenInput,
                                  WeighingOutcome)
from pgatui.domain.retention import next_review
from pgatui.domain.roles import Role
from pgatui.domain.workflow import closure_reason_for
from pgatui.errors import AccessDenied
from pgatui.domain.organisations import OrganisationKind, guess_kind
from pgatui.services import ownership
from pgatui.services.session import Session
from pgatui.services.synthetic import fake_person, fake_room_view, fake_signal
from pgatui.vault import cases as repo
from pgatui.vault import organisations as register
from pgatui.vault import process
from pgatui.vault.sealer import municipality_compartment, sealer_of

BATCH = 5000
PHASES = (Phase.SIGNAAL, Phase.WEGING, Phase.CASUSOVERLEG, Phase.MONITORING, Phase.AFGESLOTEN)
# A closed case was not taken in after its weighing, or was closed after monitoring ("opnemen").
CLOSED_OUTCOMES = (WeighingOutcome.OPNEMEN, WeighingOutcome.GEEN_ACTIE, WeighingOutcome.ZORG_VEILIGHEIDSHUIS,
                   WeighingOutcome.STRAFRECHTELIJK)
CRITERION_VIEWS = tuple(CriterionView)
INTERVENTION_KINDS = tuple(InterventionKind)
PARTNER_ORGANISATIONS = ("Reclassering Demo", "GGZ Demo", "Veilig Thuis Demo")
PARTICIPANTS = (Participant(role=Role.GEMEENTE, name="gemeente", organisation="Gemeente Demodorp"),
                Participant(role=Role.POLITIE, name="politie", organisation="Politie Eenheid Demo"),
                Participant(role=Role.OM, name="om", organisation="OM Arrondissement Demo"))


# Synthetic municipalities added when the vault has fewer than two: the cases spread over several.
SEED_MUNICIPALITIES = ("Gemeente Demodorp", "Gemeente Voorbeeldstad")


def seed_vault(session: Session, persons: int, *, seed: int = 2026, progress=None) -> int:
    """Add `persons` synthetic persons, each with one case and a signal, spread over the vault's
    municipalities (at least two), directed by their gemeente users; deterministic per seed."""
    if session.user.role not in (Role.BEHEERDER,):
        session.vault.audit_refusal("seed")
        raise AccessDenied("seed.admin_only")
    rng, today, done = random.Random(seed), session.today(), 0
    spread = random.Random(seed + 1)  # its own stream: the persons stay those of `seed`
    vary = random.Random(seed + 2)  # dates, sources, what was done: the other two streams stay as they were
    with session.change("seed.organisations") as conn:
        _municipalities(conn)
        for organisation in PARTNER_ORGANISATIONS:  # invited in the synthetic minutes: from the register
            register.ensure(conn, organisation, guess_kind(organisation))
    with session.vault.writing_synthetic() as places:  # content is sealed per municipality
        return _seed_batches(session, places, persons, (rng, spread, vary), today, progress)


def _seed_batches(session: Session, places: list[int], persons: int, streams: tuple[random.Random, ...],
                  today: dt.date, progress) -> int:
    """`streams`: the persons' (rng), the municipalities' and directors' (spread), the rest (vary):
    three, so that varying the dates did not change who is seeded where, under whom."""
    rng, spread, vary = streams
    done = 0
    directors = {m: ownership.directors_for(session, m) for m in places}
    meetings = Meetings(today)
    while done < persons:
        size = min(BATCH, persons - done)
        with session.change("seed.batch", f"persons:{size}") as conn:
            found_by: dict[int, list[repo.CaseText]] = {m: [] for m in places}
            for _ in range(size):
                municipality = spread.choice(places)
                director = spread.choice(directors[municipality]) if directors[municipality] else None
                found_by[municipality].append(_one(conn, rng, vary, today, meetings, municipality, director))
            _index(conn, found_by)
        done += size
        if progress:
            progress(done, persons)
    return done


def _municipalities(conn) -> list[int]:
    """The vault's municipalities, topped up with synthetic ones to at least two."""
    for name in SEED_MUNICIPALITIES:
        if len(register.municipalities(conn)) >= len(SEED_MUNICIPALITIES):
            break
        register.ensure(conn, name, OrganisationKind.GEMEENTE)
    return [m.id for m in register.municipalities(conn)]


# Days from the signal to its first weighing (most within a month, some waiting for information)
# and from the weighing to the case meeting that takes the case in (the next monthly meeting).
WEIGHING_DAYS = (3, 7, 10, 14, 14, 21, 28, 35, 49, 70)
MEETING_DAY = 10  # the region's case meeting: on the 10th of every month


class Meetings:
    """The synthetic case meetings: one a month (on MEETING_DAY), made when a case first needs
    it, never after today: the minutes of a case are in the first meeting after its weighing."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self._ids: dict[dt.date, int] = {}

    def after(self, conn, day: dt.date) -> tuple[int, dt.date]:
        """(meeting id, held on) of the first monthly meeting on or after `day`; today's when that
        lies ahead (a meeting is never in the future)."""
        held_on = day.replace(day=MEETING_DAY)
        if held_on < day:
            held_on = (held_on + dt.timedelta(days=31)).replace(day=MEETING_DAY)
        held_on = min(held_on, self.today)
        if held_on not in self._ids:
            self._ids[held_on] = process.insert_meeting(conn, MeetingInput(held_on=held_on, chair="gemeente"), "seed")
        return self._ids[held_on], held_on


@dataclass(frozen=True)
class Drawn:
    """The case a process is drawn for: its id, when it was opened, what its signal suspected."""
    case_id: int
    opened: dt.date
    suspected: tuple[str, ...]


def _index(conn, found_by: dict[int, list[repo.CaseText]]) -> None:
    """The batch's cases into the blind index of their municipality, from the plain text the
    seed still holds. A municipality whose key this process lacks is left to its members' import."""
    for municipality, cases in found_by.items():
        compartment = municipality_compartment(municipality)
        if cases and sealer_of(conn).holds(compartment):
            repo.index_new_cases(conn, compartment, cases)


def _one(conn, rng: random.Random, vary: random.Random, today: dt.date, meetings: Meetings, municipality_id: int,
         director: str | None) -> repo.CaseText:
    """One person, case and signal; what the case is found by. `rng` draws what it always drew,
    in the same order (so a seed gives the persons and case numbers it gave before); `vary` the
    dates, sources and what was done."""
    person = fake_person(rng, today=today)
    person_id = repo.insert_person(conn, person, municipality_compartment(municipality_id))
    opened = today - dt.timedelta(days=rng.randrange(0, 9 * 365))
    case_id = repo.insert_case(conn, person_id, rng.choice(("gemeente", "politie", "om")), opened,
                               municipality_id=municipality_id, director=director)
    fake = fake_signal(rng, received_on=opened)
    signal = SignalInput(received_on=opened, received_by=vary.choice(RECEIVERS), source_kind=fake.source_kind,
                         observed_facts=fake.observed_facts, interpretation=fake.interpretation,
                         ideologies=fake.ideologies, urgency=fake.urgency)
    repo.insert_signal(conn, case_id, signal, "seed")
    _process(conn, rng, vary, Drawn(case_id, opened, fake.ideologies), rng.choice(PHASES), today, meetings)
    return repo.CaseText(case_id, repo.case_number(opened.year, case_id), person.name, person.bsn,
                         (repo.signal_text(signal),))



# Who took the signal in: the municipality's desk, or a partner that passed it on.
RECEIVERS = ("Gemeente Demodorp", "Gemeente Demodorp", "Zorg- en Veiligheidshuis Demo", "Politie Eenheid Demo")
# The share of open cases whose last substantive event lies beyond the dormancy term (24 months):
# in a region's vault a few files go quiet; most are discussed or reviewed within the year.
DORMANT_SHARE = 0.08


def _last_event(vary: random.Random, since: dt.date, today: dt.date) -> dt.date:
    """The last substantive event of an open case that started on `since`: within the last year,
    now and then more than two years back (a dormant file), never before `since`."""
    back = vary.randrange(25 * 30, 36 * 30) if vary.random() < DORMANT_SHARE else vary.randrange(0, 330)
    return min(today, max(since, today - dt.timedelta(days=back)))


def _process(conn, rng: random.Random, vary: random.Random, drawn: Drawn, phase: Phase, today: dt.date,
             meetings: Meetings) -> None:
    """What a case in `phase` has behind it: a weighing in progress, a concluded one with its
    outcome, minutes with a plan and live interventions and actions, or a closure."""
    case_id, opened = drawn.case_id, drawn.opened
    weighed_on = min(opened + dt.timedelta(days=vary.choice(WEIGHING_DAYS)), today)
    if phase is Phase.SIGNAAL:
        if rng.random() < 0.3:  # back from a weighing: more information needed
            deadline = today + dt.timedelta(days=rng.randrange(-10, 60))
            _weighing(conn, rng, drawn, weighed_on, WeighingOutcome.MEER_INFORMATIE, deadline)
            repo.update_case(conn, case_id, follow_up_deadline=deadline, last_outcome="meer_informatie",
                             last_substantive_on=_last_event(vary, weighed_on, today))
        else:
            repo.update_case(conn, case_id, last_substantive_on=_last_event(vary, opened, today))
        return
    if phase is Phase.WEGING:
        _weighing(conn, rng, drawn, weighed_on, None)
        repo.update_case(conn, case_id, phase=phase.value, last_substantive_on=_last_event(vary, opened, today))
        return
    if phase is Phase.AFGESLOTEN:
        outcome = rng.choice(CLOSED_OUTCOMES)
        _weighing(conn, rng, drawn, weighed_on, outcome)
        reason = ("Doelen bereikt; geen zorgen meer." if outcome is WeighingOutcome.OPNEMEN
                  else closure_reason_for(outcome))
        closed_on = weighed_on
        if outcome is WeighingOutcome.OPNEMEN:  # taken in: discussed at a case meeting, closed after monitoring
            meeting_id, met_on = meetings.after(conn, weighed_on)
            process.add_agenda_item(conn, meeting_id, AgendaItem(case_id=case_id, reason=AgendaReason.NIEUW))
            closed_on = min(today, met_on + dt.timedelta(days=vary.randrange(120, 720)))
        repo.update_case(conn, case_id, phase=phase.value, closed_on=closed_on, closure_reason=reason,
                         last_outcome=outcome.value, last_substantive_on=closed_on)
        return
    _weighing(conn, rng, drawn, weighed_on, WeighingOutcome.OPNEMEN)
    fields = {"phase": phase.value, "last_outcome": WeighingOutcome.OPNEMEN.value,
              "last_substantive_on": _last_event(vary, weighed_on, today)}
    if phase is Phase.MONITORING:
        meeting_id, met_on = meetings.after(conn, weighed_on)
        _minutes(conn, rng, vary, case_id, meeting_id, met_on, today)
        reviewed = max(met_on, fields["last_substantive_on"])  # discussed or reviewed since the meeting
        fields.update(last_substantive_on=reviewed, next_review_on=next_review(reviewed))
    repo.update_case(conn, case_id, **fields)


# The synthetic weighings are of the past: recorded as weighings were before the joint view (issue
# 14), each party's view per criterion of catalogue 2026-1. So the demo shows such records too, and
# the random data after them (cases, handovers) stays as it was.
HISTORIC_CATALOGUE = "2026-1"


def _weighing(conn, rng: random.Random, drawn: Drawn, held_on: dt.date, outcome: WeighingOutcome | None,
              deadline: dt.date | None = None) -> None:
    """The case's weighing, saved once, whole: the parties' views, a conclusion when `outcome`
    is given, and then the room's view of the phenomenon (counted for the figures)."""
    catalogue = load_catalogue(HISTORIC_CATALOGUE)
    opening = WeighingOpenInput(held_on=held_on, catalogue_version=catalogue.version, participants=PARTICIPANTS)
    weighing = process.new_weighing_row(conn, drawn.case_id, opening, "seed")
    views = tuple(PartyView(role=p.role, criteria=tuple(
        CriterionNote(criterion_id=c, view=rng.choice(CRITERION_VIEWS)) for c in catalogue.ids()),
        overall="Synthetisch standpunt") for p in PARTICIPANTS)
    done = {} if outcome is None else dict(
        concluded=True, outcome=outcome, reasons="Synthetische weging op de criteria.", follow_up_deadline=deadline,
        confirmations=tuple(Confirmation(role=p.role, name=p.name, confirmed_at=dt.datetime.combine(
            held_on, dt.time(11), tzinfo=dt.UTC)) for p in PARTICIPANTS))
    if done:
        done["phenomenon"] = fake_room_view(drawn.suspected, drawn.case_id, weighing.id)
    process.save_weighing(conn, Weighing.model_validate({**dict(weighing), "views": views, **done}))
    if done:
        repo.count_weighing_ideologies(conn, weighing.id, drawn.case_id, done["phenomenon"])


def record_room_views(conn, case_id: int, suspected: tuple[str, ...]) -> None:
    """The room's view of the phenomenon on the case's concluded weighings (issue 14), counted for the figures."""
    for weighing in process.weighings_of(conn, case_id):
        if weighing.concluded:
            seen = fake_room_view(suspected, case_id, weighing.id)
            process.save_weighing(conn, Weighing.model_validate({**dict(weighing), "phenomenon": seen}))
            repo.count_weighing_ideologies(conn, weighing.id, case_id, seen)


# The share of past action and evaluation deadlines the seed leaves open (overdue).
OVERDUE_SHARE = 0.15


def _minutes(conn, rng: random.Random, vary: random.Random, case_id: int, meeting_id: int, held_on: dt.date,
             today: dt.date) -> None:
    partner = rng.choice(PARTNER_ORGANISATIONS)
    process.add_agenda_item(conn, meeting_id, AgendaItem(case_id=case_id, reason=AgendaReason.NIEUW,
                                                         invited=frozenset({partner})))
    intervention = InterventionInput(kind=rng.choice(INTERVENTION_KINDS), owner_partner=partner, starts_on=held_on,
                                     evaluate_on=held_on + dt.timedelta(days=rng.randrange(60, 240)))
    action = ActionItemInput(description="Synthetisch actiepunt: contact leggen", owner="gemeente",
                             owner_organisation="Gemeente Demodorp", due_on=held_on + dt.timedelta(days=30))
    minutes = CaseMinutes(meeting_id=meeting_id, case_id=case_id, decisions="Opgenomen in de PGA (synthetisch).",
                          goals=("Heeft een stabiele dagbesteding",), interventions=(intervention,), actions=(action,),
                          status="definitief", finalised_on=held_on, finalised_by="gemeente")
    process.save_minutes(conn, minutes, dt.datetime.combine(held_on, dt.time(12), tzinfo=dt.UTC))
    intervention_id = process.insert_intervention(conn, case_id, intervention)
    action_id = process.insert_action(conn, case_id, action)
    # Most of what fell due was done in time: a few passed deadlines, not one per monitored case.
    if action.due_on < today and vary.random() > OVERDUE_SHARE:
        process.complete_action(conn, action_id, action.due_on - dt.timedelta(days=vary.randrange(0, 10)), "gemeente")
    if intervention.evaluate_on < today and vary.random() > OVERDUE_SHARE:
        evaluated = process.get_intervention(conn, intervention_id).model_copy(update=dict(
            status=InterventionStatus.GEEVALUEERD, evaluated_on=intervention.evaluate_on,
            evaluation="Synthetische evaluatie: doel deels bereikt."))
        process.save_intervention(conn, evaluated)


def seed_demo(vault) -> None:
    """The demo's cases: vary over the municipalities, one handed over to another director
    (both are told on their dashboards), passed deadlines for the first director."""
    session = Session(vault)
    seed_vault(session, 60, seed=7)
    with session.vault.transaction() as conn:
        monitored = conn.execute("SELECT id, municipality_id, director FROM cases WHERE director IS NOT NULL AND "
                                 "phase = 'monitoring' ORDER BY id").fetchall()
    # The first monitored case of a municipality with a second director (not every one has two).
    for case_id, municipality_id, director in monitored:
        others = [d for d in ownership.directors_for(session, municipality_id) if d != director]
        if others:
            ownership.hand_over(session, case_id, others[0])
            break
