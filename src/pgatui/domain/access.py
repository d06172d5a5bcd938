"""Who may see and do what (DOMAIN.md, "Who uses it" and "Rights of the person").

One vault is one region: the core partners (gemeente, politie, om) see all of its cases. A
chain partner sees only the cases of meetings it was invited to, and only what was shared
there. The administrator and the privacy officer see no case content.
"""

from __future__ import annotations

from enum import StrEnum

from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import AccessDenied


class Permission(StrEnum):
    CASE_READ = "case.read"
    CASE_READ_IDENTIFYING = "case.read_identifying"
    SIGNAL_CREATE = "signal.create"
    PERSON_SEARCH = "person.search"
    WEIGHING_RECORD_VIEW = "weighing.record_view"
    WEIGHING_CONCLUDE = "weighing.conclude"
    MEETING_PLAN = "meeting.plan"
    MINUTES_WRITE = "minutes.write"
    MINUTES_FINALISE = "minutes.finalise"
    INTERVENTION_MANAGE = "intervention.manage"
    ACTION_COMPLETE = "action.complete"
    INFORMING_RECORD = "informing.record"
    HOLD_MANAGE = "hold.manage"
    CASE_CLOSE = "case.close"
    CASE_DESTROY = "case.destroy"
    DESTRUCTION_CONFIRM = "destruction.confirm"
    AUDIT_READ = "audit.read"
    RETENTION_READ = "retention.read"
    POLICY_CHANGE = "policy.change"
    USER_MANAGE = "user.manage"
    KEY_ROTATE = "key.rotate"
    BACKUP_MAKE = "backup.make"


P = Permission
_CORE = {P.CASE_READ, P.CASE_READ_IDENTIFYING, P.SIGNAL_CREATE, P.PERSON_SEARCH, P.WEIGHING_RECORD_VIEW,
         P.WEIGHING_CONCLUDE, P.MINUTES_WRITE, P.INTERVENTION_MANAGE, P.ACTION_COMPLETE, P.RETENTION_READ}
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.GEMEENTE: frozenset(_CORE | {P.MEETING_PLAN, P.MINUTES_FINALISE, P.INFORMING_RECORD, P.HOLD_MANAGE,
                                      P.CASE_CLOSE, P.CASE_DESTROY, P.DESTRUCTION_CONFIRM}),
    Role.POLITIE: frozenset(_CORE),
    Role.OM: frozenset(_CORE | {P.HOLD_MANAGE}),
    Role.PARTNER: frozenset({P.CASE_READ, P.ACTION_COMPLETE, P.INTERVENTION_MANAGE}),
    Role.BEHEERDER: frozenset({P.USER_MANAGE, P.KEY_ROTATE, P.BACKUP_MAKE, P.POLICY_CHANGE}),
    Role.TOEZICHT: frozenset({P.AUDIT_READ, P.RETENTION_READ}),
}
CASE_SCOPED = {P.CASE_READ, P.ACTION_COMPLETE, P.INTERVENTION_MANAGE}


def allowed(role: Role, permission: Permission, *, organisation: str | None = None,
            invited_organisations: frozenset[str] | None = None) -> bool:
    """Whether `role` may do `permission`; for a partner on a case, only when invited to it."""
    if permission not in GRANTS.get(role, frozenset()):
        return False
    if role is Role.PARTNER and permission in CASE_SCOPED:
        return invited_organisations is not None and organisation in invited_organisations
    return True


def check(role: Role, permission: Permission, **context) -> None:
    if not allowed(role, permission, **context):
        raise AccessDenied("U heeft geen toegang tot deze handeling.")


def sees_identifying(role: Role) -> bool:
    """BSN, address, date of birth: only the core partners, and never on a shared screen."""
    return role in CORE_PARTNERS
