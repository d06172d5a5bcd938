"""Every access rule per role, written out as the expected matrix (not derived from GRANTS)."""

from __future__ import annotations

import pytest

from domain_builders import D, draft_minutes, final_minutes
from pgatui.domain.access import (GRANTS, Permission, allowed, check, check_second_confirmer, invited_organisations,
                                  partner_minutes, sees_case_content, sees_identifying)
from pgatui.domain.models import AgendaItem, AgendaReason, Meeting
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied

P = Permission
CORE = {"case.read", "case.read_identifying", "signal.create", "person.search", "weighing.open",
        "weighing.record_view", "weighing.conclude", "weighing.confirm", "minutes.write", "intervention.manage",
        "action.complete", "retention.read", "case.dispose", "disposal.confirm", "disposal.read"}
EXPECTED: dict[Role, set[str]] = {
    Role.GEMEENTE: CORE | {"meeting.plan", "minutes.finalise", "minutes.addendum", "minutes.export",
                           "informing.record", "review.record", "hold.manage", "case.close", "case.destroy",
                           "destruction.confirm", "case.handover", "subject.request", "criteria.adopt", "figures.read"},
    Role.POLITIE: CORE,
    Role.OM: CORE | {"hold.manage"},
    Role.PARTNER: {"case.read", "action.complete", "intervention.manage"},
    Role.BEHEERDER: {"user.manage", "key.rotate", "backup.make", "policy.change", "settings.change", "case.handover",
                     "audit.read", "criteria.adopt"},
    Role.TOEZICHT: {"audit.read", "retention.read", "disposal.read", "subject.request", "figures.read"},
}
ORG = "Reclassering Nederland"


def full_context(role: Role) -> dict:
    """Every piece of context a rule could ask for, all in the acting user's favour."""
    return dict(organisation=ORG, invited_organisations=frozenset({ORG}), owner_organisation=ORG, party=role)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_matrix(role, permission):
    expected = permission.value in EXPECTED[role]
    assert allowed(role, permission, **full_context(role)) is expected
    if not expected:
        with pytest.raises(AccessDenied):
            check(role, permission, **full_context(role))


def test_grants_name_only_known_permissions_and_every_role_has_some():
    assert {p.value for grants in GRANTS.values() for p in grants} <= {p.value for p in Permission}
    assert set(GRANTS) == set(Role)


@pytest.mark.parametrize("role", [Role.GEMEENTE, Role.POLITIE, Role.OM])
def test_core_partners_see_every_case_of_the_region_without_an_invitation(role):
    assert allowed(role, P.CASE_READ) and allowed(role, P.CASE_READ_IDENTIFYING)
    assert allowed(role, P.ACTION_COMPLETE) and allowed(role, P.INTERVENTION_MANAGE)


@pytest.mark.parametrize("invited, ok", [(frozenset({ORG}), True), (frozenset({"GGZ"}), False), (frozenset(), False),
                                         (None, False)])
def test_partner_reads_a_case_only_when_invited(invited, ok):
    assert allowed(Role.PARTNER, P.CASE_READ, organisation=ORG, invited_organisations=invited) is ok


def test_partner_without_an_organisation_is_never_invited():
    assert not allowed(Role.PARTNER, P.CASE_READ, organisation=None, invited_organisations=frozenset({""}))
    assert not allowed(Role.PARTNER, P.CASE_READ, organisation="", invited_organisations=frozenset({""}))


@pytest.mark.parametrize("owner, ok", [(ORG, True), ("GGZ", False), (None, False)])
def test_partner_completes_only_its_own_actions_and_interventions(owner, ok):
    for permission in (P.ACTION_COMPLETE, P.INTERVENTION_MANAGE):
        assert allowed(Role.PARTNER, permission, organisation=ORG, invited_organisations=frozenset({ORG}),
                       owner_organisation=owner) is ok


@pytest.mark.parametrize("role", [Role.GEMEENTE, Role.POLITIE, Role.OM])
def test_each_core_partner_confirms_for_itself_only(role):
    assert allowed(role, P.WEIGHING_CONFIRM, party=role)
    assert not allowed(role, P.WEIGHING_CONFIRM)  # missing context refuses
    assert not any(allowed(role, P.WEIGHING_CONFIRM, party=other) for other in Role if other is not role)


def test_any_core_partner_keeps_the_record_of_the_joint_weighing():
    assert [r for r in Role if allowed(r, P.WEIGHING_RECORD_VIEW)] == [Role.GEMEENTE, Role.POLITIE, Role.OM]


def test_only_gemeente_chairs_finalises_and_destroys():
    for permission in (P.MEETING_PLAN, P.MINUTES_FINALISE, P.DESTRUCTION_CONFIRM, P.CASE_DESTROY, P.CASE_CLOSE):
        assert [r for r in Role if allowed(r, permission, **full_context(r))] == [Role.GEMEENTE]


def test_no_case_content_for_beheerder_and_toezicht():
    content = {P.CASE_READ, P.CASE_READ_IDENTIFYING, P.PERSON_SEARCH, P.SIGNAL_CREATE, P.MINUTES_WRITE}
    for role in (Role.BEHEERDER, Role.TOEZICHT):
        assert not sees_case_content(role)
        assert not any(allowed(role, p, **full_context(role)) for p in content)
    assert allowed(Role.TOEZICHT, P.AUDIT_READ) and allowed(Role.TOEZICHT, P.RETENTION_READ)
    # The beheerder reads the access log (ids only, issue 15) but no subject's data.
    assert allowed(Role.BEHEERDER, P.AUDIT_READ) and not allowed(Role.BEHEERDER, P.SUBJECT_REQUEST)


def test_identifying_fields_only_for_core_partners_and_never_on_a_shared_screen():
    assert [r for r in Role if sees_identifying(r)] == [Role.GEMEENTE, Role.POLITIE, Role.OM]
    assert not any(sees_identifying(r, shared_screen=True) for r in Role)


def meeting(meeting_id, invitations: dict[int, set[str]]) -> Meeting:
    agenda = tuple(AgendaItem(case_id=c, reason=AgendaReason.NIEUW, invited=frozenset(orgs))
                   for c, orgs in invitations.items())
    return Meeting(id=meeting_id, held_on=D(2026, 3, 10), chair="gea", agenda=agenda)


def test_invitation_set_is_per_case_across_meetings():
    meetings = [meeting(1, {1: {ORG}, 2: {"GGZ"}}), meeting(2, {1: {"Raad voor de Kinderbescherming"}})]
    assert invited_organisations(1, meetings) == {ORG, "Raad voor de Kinderbescherming"}
    assert invited_organisations(2, meetings) == {"GGZ"}
    assert invited_organisations(3, meetings) == frozenset()


def test_partner_sees_only_final_minutes_of_meetings_it_was_invited_to_for_that_case():
    meetings = [meeting(1, {1: {ORG}, 2: set()}), meeting(2, {1: set()})]
    shared = final_minutes().model_copy(update={"meeting_id": 1, "case_id": 1})
    not_invited = final_minutes().model_copy(update={"meeting_id": 2, "case_id": 1})
    draft = draft_minutes()  # meeting 1, case 1, not final
    other_case = final_minutes().model_copy(update={"meeting_id": 1, "case_id": 2})
    visible = partner_minutes(ORG, 1, meetings, [shared, not_invited, draft, other_case])
    assert visible == [shared]
    assert partner_minutes("GGZ", 1, meetings, [shared, not_invited]) == []


def test_a_second_confirmation_comes_from_someone_else():
    check_second_confirmer("gea", "gerrit")
    with pytest.raises(AccessDenied):
        check_second_confirmer("gea", " GEA ")


def test_access_purposes_are_codes_with_labels_and_asked_outside_own_work():
    from pgatui.domain.purposes import LABELS_NL, AccessPurpose, FileTies, label, needs_purpose

    assert set(LABELS_NL) == set(AccessPurpose) and label("overleg") == LABELS_NL[AccessPurpose.MEETING]
    assert label("vrije tekst van vroeger") == "vrije tekst van vroeger" and label(None) == "-"
    assert label("dossier bekijken") == label("monitoring") == "Eigen werk (niet gevraagd)"
    assert needs_purpose(FileTies())  # no tie at all: not the user's own work
    for tie in ("director", "took_in", "weighing", "agenda", "action", "invited"):
        assert not needs_purpose(FileTies(**{tie: True})), tie


def test_a_purpose_is_a_known_code_and_only_other_takes_an_explanation():
    from pgatui.domain.purposes import OTHER_TEXT_LIMIT, purpose_problem

    assert purpose_problem("overleg", None) is None and purpose_problem("anders", " klacht van de buren ") is None
    assert purpose_problem("nieuwsgierig", None).code == "purpose.unknown"
    assert purpose_problem("anders", "  ").code == "purpose.other_needs_text"
    assert purpose_problem("weging", "ook nog tekst").code == "purpose.text_only_other"
    assert purpose_problem("anders", "x" * (OTHER_TEXT_LIMIT + 1)).code == "purpose.text_too_long"
    assert purpose_problem("anders", "x" * OTHER_TEXT_LIMIT) is None
