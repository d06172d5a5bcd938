"""Services for the joint weighing (weegploeg): open, record presence and views, conclude,
confirm per party, and move the case on by the outcome.

The domain (pgatui.domain.workflow) decides what is allowed; these functions load the weighing,
let the domain change it, store it with a field-level history, and audit ids only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain import workflow
from pgatui.domain.access import Permission, allowed
from pgatui.domain.criteria import Catalogue
from pgatui.domain.models import (Case, Conclusion, Confirmation, CriminalTrack, Dissent, JointView, Participant,
                                  PartyView, Person, Phase, PhenomenonInput, Signal, Weighing, WeighingOpenInput)
from pgatui.domain.workflow import Facts
from pgatui.errors import AccessDenied, NotFound
from pgatui.services import criteria, records
from pgatui.services.session import Session
from pgatui.services.settings import settings_of
from pgatui.vault import accountable
from pgatui.vault import cases as repo
from pgatui.vault import process


@dataclass(frozen=True)
class WeighingSession:
    """Everything the weighing screen shows for one case: the signals (facts apart from
    interpretation), the weighing in progress and the earlier weighings of the same person."""

    case: Case
    person: Person
    signals: list[Signal]
    weighing: Weighing
    earlier: list[Weighing]
    catalogue: Catalogue
    legal_bases: tuple[str, ...] = ()  # the vault's list a party picks its information basis from

    @property
    def issues(self) -> list:
        """What still blocks the joint conclusion, as errors (a screen renders each with
        `pgatui.messages.error_text` in its language); empty once concluded."""
        if self.weighing.concluded:
            return []
        return workflow.conclusion_issues(self.weighing, self.catalogue)


def open_weighing(session: Session, case_id: int, *, held_on: dt.date | None = None) -> WeighingSession:
    """Open the weighing of a case (or resume the one in progress) and return the session view."""
    session.authorize(Permission.WEIGHING_OPEN, object_id=f"case:{case_id}")
    with session.change("weighing.open", f"case:{case_id}") as conn:
        case = records.existing_case(conn, case_id)
        weighing = process.open_weighing_of(conn, case_id)
        if weighing is None:
            if case.phase is not Phase.WEGING:
                workflow.check_transition(case.phase, Phase.WEGING, Facts())
                records.update_case(session, conn, case.id, phase=Phase.WEGING.value, follow_up_deadline=None)
            catalogue = criteria.in_force(conn)  # kept whole in the weighing: it reads the same for ever
            opening = WeighingOpenInput(held_on=held_on or session.today(), catalogue_version=catalogue.version,
                                        catalogue=catalogue)
            weighing = process.insert_weighing(conn, case_id, opening, session.user.login)
            _history(session, conn, weighing, "opened", None, opening.catalogue_version)
        return _session_view(conn, case_id, weighing)


def read_weighing(session: Session, weighing_id: int) -> WeighingSession:
    session.authorize(Permission.WEIGHING_OPEN, object_id=f"weighing:{weighing_id}")
    with session.change("weighing.read", f"weighing:{weighing_id}") as conn:
        weighing = _weighing(conn, weighing_id)
        return _session_view(conn, weighing.case_id, weighing)


def record_presence(session: Session, weighing_id: int, participant: Participant) -> Weighing:
    """Record who is present for a core partner (replacing an earlier entry for that party)."""
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, f"present.{participant.role.value}",
                   lambda w, catalogue: workflow.add_participant(w, participant), participant.name)


def record_view(session: Session, weighing_id: int, view: PartyView) -> Weighing:
    """Record one present party's preference and overall view."""
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, f"view.{view.role.value}",
                   lambda w, catalogue: workflow.record_view(w, view, catalogue), view.model_dump_json())


def record_joint(session: Session, weighing_id: int, views: tuple[JointView, ...]) -> Weighing:
    """Record the room's joint view on one or more criteria."""
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, "joint",
                   lambda w, catalogue: workflow.record_joint(w, views, catalogue),
                   "[" + ",".join(v.model_dump_json() for v in views) + "]")


def record_phenomenon(session: Session, weighing_id: int, phenomenon: PhenomenonInput) -> Weighing:
    """Record the room's view of the phenomenon (one or more ideologies; issue 14)."""
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, "phenomenon",
                   lambda w, catalogue: workflow.record_phenomenon(w, phenomenon),
                   ",".join(i.value for i in phenomenon.ideologies))


def record_dissent(session: Session, weighing_id: int, dissent: Dissent) -> Weighing:
    """Record a present party's dissent from the joint view on one criterion."""
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, f"dissent.{dissent.role.value}",
                   lambda w, catalogue: workflow.record_dissent(w, dissent, catalogue), dissent.model_dump_json())


def conclude(session: Session, weighing_id: int, conclusion: Conclusion) -> Weighing:
    """The joint conclusion; it binds once every present party has confirmed it."""
    return _change(session, weighing_id, Permission.WEIGHING_CONCLUDE, "conclusion",
                   lambda w, catalogue: workflow.conclude(w, conclusion, catalogue), conclusion.model_dump_json())


def confirm_with_password(session: Session, weighing_id: int, login: str, password: str) -> Weighing:
    """A party in the room confirms the conclusion with its own password on the shared screen."""
    colleague = session.vault.confirm_colleague(login, password)
    return _confirm(session, weighing_id, colleague.login, colleague.role)


def confirm_as_me(session: Session, weighing_id: int) -> Weighing:
    """The signed-in user confirms for their own party (recovering a confirmation missed in the room)."""
    return _confirm(session, weighing_id, session.user.login, session.user.role)


def _confirm(session: Session, weighing_id: int, login: str, role) -> Weighing:
    # Party-scoped: the confirming user's own role is the party it confirms for.
    if not allowed(role, Permission.WEIGHING_CONFIRM, party=role):
        session.vault.audit_refusal(Permission.WEIGHING_CONFIRM.value, object_id=f"weighing:{weighing_id}")
        raise AccessDenied("weighing.confirm_self_only")
    confirmation = Confirmation(role=role, name=login, confirmed_at=session.now())
    return _change(session, weighing_id, Permission.WEIGHING_RECORD_VIEW, f"confirmed.{role.value}",
                   lambda w, catalogue: workflow.confirm(w, confirmation), login)


def _change(session: Session, weighing_id: int, permission: Permission, field: str, apply, new_value: str) -> Weighing:
    """Load, let the domain change, store with history, and move the case on when fully confirmed."""
    session.authorize(permission, object_id=f"weighing:{weighing_id}")
    with session.change(f"weighing.{field.split('.')[0]}", f"weighing:{weighing_id}") as conn:
        weighing = _weighing(conn, weighing_id)
        changed = apply(weighing, catalogue_of(conn, weighing))
        process.save_weighing(conn, changed)
        if changed.phenomenon != weighing.phenomenon:
            repo.count_weighing_ideologies(conn, changed.id, changed.case_id, changed.phenomenon)
        _history(session, conn, changed, field, None, new_value)
        if workflow.weighing_complete(changed) is None:
            _follow_up(session, conn, changed)
        return changed


def _follow_up(session: Session, conn, weighing: Weighing) -> None:
    """The outcome moves the case: to a case meeting, back to intake with a deadline, or closed."""
    case = records.existing_case(conn, weighing.case_id)
    target = workflow.phase_after_weighing(weighing.outcome)
    facts = Facts(weighing=weighing)
    workflow.check_transition(case.phase, target, facts)
    fields = dict(phase=target.value, last_outcome=weighing.outcome.value,
                  last_substantive_on=max(weighing.held_on, case.last_substantive_on),
                  follow_up_deadline=weighing.follow_up_deadline)
    if target is Phase.AFGESLOTEN:
        fields.update(closed_on=session.today(), closure_reason=workflow.closure_reason_for(weighing.outcome))
    records.update_case(session, conn, case.id, **fields)
    _record_criminal_track(session, conn, weighing)
    session.vault.audit(f"case.phase.{target.value}", object_id=f"case:{case.id}")


def _record_criminal_track(session: Session, conn, weighing: Weighing) -> None:
    """The binding weighing's criminal track becomes the case's (it runs alongside the PGA)."""
    old = accountable.criminal_track_of(conn, weighing.case_id)
    accountable.set_criminal_track(conn, weighing.case_id, weighing.criminal_track.value,
                                   weighing.expected_release_on, weighing.id)
    new = (weighing.criminal_track.value, repo.iso(weighing.expected_release_on))
    if old != new and (old is not None or weighing.criminal_track is not CriminalTrack.GEEN):
        records.history(session, conn, weighing.case_id, "case", weighing.case_id, "criminal_track",
                        "/".join(v for v in old if v) if old else None, "/".join(v for v in new if v))


def _session_view(conn, case_id: int, weighing: Weighing) -> WeighingSession:
    case = records.existing_case(conn, case_id)
    person = repo.get_person(conn, case.person_id)
    earlier = [w for other in process.case_ids_of_person(conn, case.person_id)
               for w in process.weighings_of(conn, other) if w.id != weighing.id]
    return WeighingSession(case, person, repo.signals_of(conn, case_id), weighing, earlier,
                           catalogue_of(conn, weighing), settings_of(conn).legal_bases)


def catalogue_of(conn, weighing: Weighing) -> Catalogue:
    """The criteria a weighing used: its own copy, or (stored before it kept one) its version in the vault."""
    return weighing.catalogue or criteria.version_of(conn, weighing.catalogue_version)


def _history(session: Session, conn, weighing: Weighing, field: str, old, new) -> None:
    records.history(session, conn, weighing.case_id, "weighing", weighing.id, field, old, new)


def _weighing(conn, weighing_id: int) -> Weighing:
    weighing = process.get_weighing(conn, weighing_id)
    if weighing is None:
        raise NotFound("weighing.unknown")
    return weighing


def next_on_agenda(session: Session, after_case_id: int) -> int | None:
    """The case the room weighs next: the next one with a signal waiting for, or in, a weighing
    (a case waiting for more information is not on the agenda until it comes back)."""
    session.authorize(Permission.WEIGHING_OPEN)
    with session.change("weighing.agenda") as conn:
        return process.next_case_to_weigh(conn, after_case_id, session.scope)


def weighings_to_conclude(session: Session, *, limit: int = 20) -> list[Case]:
    """Cases in the weighing phase (the dashboard's 'weighings to conclude')."""
    session.authorize(Permission.WEIGHING_OPEN)
    with session.change("weighing.list") as conn:
        return process.cases_awaiting_weighing(conn, limit, session.scope)

