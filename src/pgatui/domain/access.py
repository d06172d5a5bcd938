"""Who may see and do what (DOMAIN.md, "Who uses it" and "Rights of the person").

One vault is one region: the core partners (gemeente, politie, om) see all of its cases. A
chain partner sees a case only when its organisation was invited to that case's agenda item in
a meeting (an invitation is per case: attending a meeting does not open its other cases), and
then only what was shared there. The administrator and the privacy officer see no case content;
the privacy officer reads the audit log and the retention reports.

Everything the rules need is passed in (the acting user's organisation, the case's invitation
set, the owner of an action, the party whose weighing view is recorded): no I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pgatui.domain.models import CaseMinutes, Meeting
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import AccessDenied

DENIED = "access.denied"


class Permission(StrEnum):
    CASE_READ = "case.read"
    CASE_READ_IDENTIFYING = "case.read_identifying"  # BSN, address, date of birth
    SIGNAL_CREATE = "signal.create"
    PERSON_SEARCH = "person.search"
    WEIGHING_OPEN = "weighing.open"
    WEIGHING_RECORD_VIEW = "weighing.record_view"  # any core partner: the scribe of the joint session
    WEIGHING_CONCLUDE = "weighing.conclude"
    WEIGHING_CONFIRM = "weighing.confirm"  # party-scoped
    MEETING_PLAN = "meeting.plan"
    MINUTES_WRITE = "minutes.write"
    MINUTES_FINALISE = "minutes.finalise"
    MINUTES_ADDENDUM = "minutes.addendum"
    MINUTES_EXPORT = "minutes.export"
    INTERVENTION_MANAGE = "intervention.manage"
    ACTION_COMPLETE = "action.complete"
    INFORMING_RECORD = "informing.record"
    REVIEW_RECORD = "review.record"
    HOLD_MANAGE = "hold.manage"
    CASE_CLOSE = "case.close"
    CASE_DISPOSE = "case.dispose"  # a duplicate or an error, with a second core partner (domain.disposal)
    DISPOSAL_CONFIRM = "disposal.confirm"
    DISPOSAL_READ = "disposal.read"  # the disposal records: case numbers and users only
    CASE_HANDOVER = "case.handover"  # a new case director or municipality
    CASE_DESTROY = "case.destroy"
    DESTRUCTION_CONFIRM = "destruction.confirm"
    AUDIT_READ = "audit.read"
    RETENTION_READ = "retention.read"
    POLICY_CHANGE = "policy.change"
    SETTINGS_CHANGE = "settings.change"
    CRITERIA_ADOPT = "criteria.adopt"  # a new version of the weighing criteria, in the vault
    USER_MANAGE = "user.manage"
    KEY_ROTATE = "key.rotate"
    BACKUP_MAKE = "backup.make"
    SUBJECT_REQUEST = "subject.request"  # AVG art. 15: the FG, or the case director of the person's case
    FIGURES_READ = "figures.read"  # counts only; toezicht the process figures (services.figures)


P = Permission
_CORE = frozenset({
    P.CASE_READ, P.CASE_READ_IDENTIFYING, P.SIGNAL_CREATE, P.PERSON_SEARCH, P.WEIGHING_OPEN,
    P.WEIGHING_RECORD_VIEW, P.WEIGHING_CONCLUDE, P.WEIGHING_CONFIRM, P.MINUTES_WRITE, P.INTERVENTION_MANAGE,
    P.ACTION_COMPLETE, P.RETENTION_READ, P.CASE_DISPOSE, P.DISPOSAL_CONFIRM, P.DISPOSAL_READ,
})
# The municipality runs the process: it chairs meetings, finalises minutes, closes and destroys.
_GEMEENTE_ONLY = frozenset({
    P.MEETING_PLAN, P.MINUTES_FINALISE, P.MINUTES_ADDENDUM, P.MINUTES_EXPORT, P.INFORMING_RECORD,
    P.REVIEW_RECORD, P.HOLD_MANAGE, P.CASE_CLOSE, P.CASE_DESTROY, P.DESTRUCTION_CONFIRM, P.CASE_HANDOVER,
    P.SUBJECT_REQUEST,  # only as the director of the person's case (services.subject_requests)
    P.CRITERIA_ADOPT,  # the region's criteria, adopted by the municipality that runs the process
    P.FIGURES_READ,
})
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.GEMEENTE: _CORE | _GEMEENTE_ONLY,
    Role.POLITIE: _CORE,
    Role.OM: _CORE | {P.HOLD_MANAGE},  # the prosecutor may need a hold for a court case
    Role.PARTNER: frozenset({P.CASE_READ, P.ACTION_COMPLETE, P.INTERVENTION_MANAGE}),
    # The beheerder hands a case over when its director left (no case content is shown for it),
    # and reads the access log (ids only) as the FG does (issue 15).
    Role.BEHEERDER: frozenset({P.USER_MANAGE, P.KEY_ROTATE, P.BACKUP_MAKE, P.POLICY_CHANGE, P.SETTINGS_CHANGE,
                               P.CASE_HANDOVER, P.AUDIT_READ, P.CRITERIA_ADOPT}),
    Role.TOEZICHT: frozenset({P.AUDIT_READ, P.RETENTION_READ, P.DISPOSAL_READ, P.SUBJECT_REQUEST, P.FIGURES_READ}),
}

# For a partner these need an invitation to the case.
CASE_SCOPED = frozenset({P.CASE_READ, P.ACTION_COMPLETE, P.INTERVENTION_MANAGE})
# For a partner these also need the action or intervention to belong to its organisation.
OWNER_SCOPED = frozenset({P.ACTION_COMPLETE, P.INTERVENTION_MANAGE})
# Each core partner confirms for its own organisation only, with its own password. Views are
# typed by whoever keeps the record on the shared screen; the confirmation is what binds a party.
PARTY_SCOPED = frozenset({P.WEIGHING_CONFIRM})


def possible(role: Role) -> frozenset[Permission]:
    """What `role` may do in some context: the actions a screen offers it. A context-scoped right
    (a partner's invitation, a party's own confirmation) is still checked per call by `allowed`."""
    return GRANTS.get(role, frozenset())


def allowed(role: Role, permission: Permission, *, organisation: str | None = None,
            invited_organisations: frozenset[str] | None = None, owner_organisation: str | None = None,
            party: Role | None = None) -> bool:
    """Whether `role` may do `permission` in this context. Missing context refuses, never grants."""
    if permission not in GRANTS.get(role, frozenset()):
        return False
    if permission in PARTY_SCOPED and party is not role:
        return False
    if role is Role.PARTNER and permission in CASE_SCOPED:
        if not is_invited(organisation, invited_organisations):
            return False
        if permission in OWNER_SCOPED and (owner_organisation is None or owner_organisation != organisation):
            return False
    return True


def scope_of(role: Role, municipalities: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """The municipalities whose cases a user sees (None: all of the vault).

    A gemeente user sees only the municipalities of its account (none listed: none); politie and
    OM the municipalities their account lists, None meaning all. The other roles are not scoped
    by municipality: partners go by invitation, beheerder and toezicht see no case content.
    """
    if role is Role.GEMEENTE:
        return tuple(municipalities or ())
    if role in (Role.POLITIE, Role.OM):
        return None if municipalities is None else tuple(municipalities)
    return None


def in_municipality_scope(role: Role, scope: tuple[int, ...] | None, names_case: bool,
                          case_municipality: int | None) -> bool:
    """Whether a core partner may act on a case of `case_municipality`. Only an existing case is
    checked (`names_case`): a missing one is 'not found', not 'refused'."""
    if role not in CORE_PARTNERS or not names_case or scope is None:
        return True
    return case_municipality in scope


def check(role: Role, permission: Permission, **context) -> None:
    """Raise AccessDenied unless `allowed(role, permission, **context)`."""
    if not allowed(role, permission, **context):
        raise AccessDenied(DENIED)


def is_invited(organisation: str | None, invited_organisations: frozenset[str] | None) -> bool:
    return bool(organisation) and invited_organisations is not None and organisation in invited_organisations


def invited_organisations(case_id: int, meetings: Iterable[Meeting]) -> frozenset[str]:
    """Every partner organisation invited to `case_id` in any of `meetings`."""
    return frozenset().union(*(m.invited_to(case_id) for m in meetings))


def partner_minutes(organisation: str, case_id: int, meetings: Iterable[Meeting],
                    minutes: Iterable[CaseMinutes]) -> list[CaseMinutes]:
    """The final minutes of `case_id` a partner may read: those of meetings it was invited to for it.

    Drafts stay with the core partners: they may still change.
    """
    invited_meetings = {m.id for m in meetings if organisation in m.invited_to(case_id)}
    return [m for m in minutes if m.case_id == case_id and m.meeting_id in invited_meetings and m.is_final]


def sees_case_content(role: Role) -> bool:
    """beheerder and toezicht never see case content (at most case numbers in reports)."""
    return role in CORE_PARTNERS or role is Role.PARTNER


def sees_identifying(role: Role, *, shared_screen: bool = False) -> bool:
    """BSN, address, date of birth: only the core partners, and never on a shared screen."""
    return role in CORE_PARTNERS and not shared_screen


def sees_file_opens(role: Role, login: str, director: str | None) -> bool:
    """Who opened a file, when and why: the FG, and the municipality's director of that case."""
    if role is Role.TOEZICHT:
        return True
    return role is Role.GEMEENTE and bool(director) and director.strip().lower() == login.strip().lower()


def check_second_confirmer(first: str, second: str) -> None:
    """A second confirmation (of destruction) must come from another person."""
    if first.strip().lower() == second.strip().lower():
        raise AccessDenied("access.second_confirmer_same")
