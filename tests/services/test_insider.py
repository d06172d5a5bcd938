"""The insider test of issue 12: one account's password and a copy of every file.

Per role (partner, gemeente of A, politie with scope A, beheerder, toezicht) the attacker opens
its slot with its password, unseals every compartment key the slot holds, decrypts every page of
data.db and every WAL frame with the data key (free pages included), opens every sealed value and
drop box it can (and inflates every weighing, sealed or not), and scans all of that plus every
file of the vault folder and the witness files for canaries. Canaries stand in every sealed
intake column and in the process (weighing notes, views and reasons, minutes, interventions,
actions, closure reasons, explanations of an "anders" purpose, dormancy justifications) of cases
of municipality B, of cases of A, and of a destroyed case of A. The gemeente user of A and the
politie user find A's live canaries only; a gemeente user of B finds B's (the check can fail);
the partner, invited for one case of A (and for the destroyed one), finds what was shared of that
case (its re-sealed copies: the name, the final minutes, the interventions and actions its
organisation owns) and nothing else; the others find none.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zlib

import pytest

from helpers import ADMIN, ADMIN_PW
from people import close_after_pga, confirm_keys, password_of, signal, user
from process_builders import plan
from sqlcipher_pages import decrypted_pages
from pgatui import clock
from pgatui.domain.models import (ActionItemInput, Conclusion, InterventionInput, InterventionKind, JointView,
                                  LegalHold, MinutesDraft, Participant, PartyView, PersonInput, WeighingOutcome)
from pgatui.domain.purposes import AccessPurpose
from pgatui.services import cases as svc
from pgatui.services import meetings, weighing
from pgatui.services.session import Session
from pgatui.vault import accountable, compartments, crypto, db, keyring, open_vault, process, sealing, witness
from pgatui.vault.cases import ROW_KEY
from pgatui.vault.sealer import open_with

SEALED_COLUMNS = {"persons": ("name", "date_of_birth", "address", "phone", "bsn"),
                  "signals": ("observed_facts", "interpretation", "ideology", "special_categories"),
                  "holds": ("reason",), "history": ("old", "new"), "informing": ("reason_not_to",),
                  "reviews": ("reason",), "weighings": ("data",), "minutes": ("data",),
                  "interventions": ("description", "evaluation"), "actions": ("description",),
                  "dormancy_justifications": ("reason",), "access_purpose_texts": ("text",),
                  "cases": ("closure_reason",)}
PARTNER = "Reclassering Test"
# What the partner reads of the case it was invited to: the name, and the final minutes (which
# hold the decisions, the interventions and the actions) and its own intervention and action.
SHARED_WORDS = ("kanarie", "vogelaar", "besluit", "interventie", "actie")


def canary_person(tag: str, bsn: str) -> PersonInput:
    return PersonInput(name=f"Kanarie{tag} Vogelaar{tag}", date_of_birth=dt.date(1999, 9, 9),
                       address=f"Kanarieweg{tag} 1", phone=f"06-{tag}", bsn=bsn)


def canary_signal(tag: str):
    return signal(observed_facts=f"Feit{tag} gezien bij de kanarie", interpretation=f"Duiding{tag} van de kanarie")


INTAKE_WORDS = ("kanarie", "vogelaar", "kanarieweg", "feit", "duiding", "stopreden")
PROCESS_WORDS = ("weegnotitie", "standpunt", "weegreden", "besluit", "interventie", "actie", "sluitreden")


def canaries(tag: str, words=INTAKE_WORDS + PROCESS_WORDS) -> list[bytes]:
    return [f"{w}{tag}".encode() for w in words]


def canary_weighing(session, case_id: int, tag: str) -> None:
    """A joint weighing with a canary in each party's view, the room's notes and the reasons."""
    opened = weighing.open_weighing(session, case_id)
    for login, role, org in (("gea", "gemeente", "Gemeente Test"), ("pim", "politie", "Politie Test"),
                             ("olga", "om", "OM Test")):
        weighing.record_presence(session, opened.weighing.id, Participant(role=role, name=login, organisation=org))
        weighing.record_view(session, opened.weighing.id, PartyView(role=role, overall=f"Standpunt{tag} van {role}"))
    weighing.record_joint(session, opened.weighing.id, tuple(
        JointView(criterion_id=c, view="van_toepassing", note=f"Weegnotitie{tag}") for c in opened.catalogue.ids()))
    weighing.conclude(session, opened.weighing.id, Conclusion(outcome=WeighingOutcome.OPNEMEN,
                                                              reasons=f"Weegreden{tag} besproken"))


def justify(session, case_id: int, reason: str) -> None:
    """Why a dormant file stays open, written as the dormancy service writes it (the repository:
    whether the file is dormant yet is the policy's business, not this test's)."""
    with session.vault.transaction() as conn:
        accountable.insert_justification(conn, case_id, clock.today(), reason, session.user.login)


def canary_minutes(session, meeting_id: int, case_id: int, tag: str) -> None:
    """Final minutes with a canary decision, an intervention and an action of the partner."""
    draft = MinutesDraft(
        decisions=f"Besluit{tag} genomen",
        interventions=(InterventionInput(kind=InterventionKind.MENTORING, owner_partner=PARTNER,
                                         starts_on=dt.date(2020, 2, 1), evaluate_on=dt.date(2020, 5, 1),
                                         description=f"Interventie{tag} mentor"),),
        actions=(ActionItemInput(description=f"Actie{tag} uitvoeren", owner="rob", owner_organisation=PARTNER,
                                 due_on=dt.date(2020, 3, 1)),))
    meetings.save_minutes(session, meeting_id, case_id, draft)
    meetings.finalise_minutes(session, meeting_id, case_id)


FILED = {"stilreden-aa", "doelreden-ua", "stilreden-bb", "doelreden-bb"}  # where the fixture wrote them


def canary_hold(tag: str) -> LegalHold:
    return LegalHold(reason=f"Stopreden{tag} van de kanarie", owner="gemeente", ends_on=dt.date(2040, 1, 1))


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """Municipalities A (Gemeente Test) and B (Gemeente Zuid) with canary cases; accounts of
    every role. Returns the vault path and the users' passwords."""
    from pgatui.vault import create_vault

    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)  # the function-scoped fast_kdf comes later
    path = tmp_path_factory.mktemp("insider") / "regio.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        zuid = vault.add_organisation("Gemeente Zuid", "gemeente")
        vault.add_organisation("Politie Test", "politie")
    gea = Session(user(path, "gea", "gemeente", "Gemeente Test"))
    gijs = Session(user(path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        scoped = vault.add_user("pia", "politie", "Politie Test", municipalities=["Gemeente Test"])
    from pgatui.vault import change_password

    change_password(path, "pia", scoped, "politie-a-wachtzin")
    for login, role, organisation in (("rob", "partner", "Reclassering Test"), ("fien", "toezicht", "FG Test")):
        user(path, login, role, organisation).close()
    pia = Session(open_vault(path, "pia", "politie-a-wachtzin"))
    confirm_keys(gea, gijs, pia)
    clock.freeze(dt.datetime(2020, 1, 10, tzinfo=dt.UTC))
    try:
        doomed = svc.take_in_signal(gea, canary_signal("xa"), person=canary_person("xa", "111222333"))
        own = svc.take_in_signal(gea, canary_signal("aa"), person=canary_person("aa", "123456782"))
        unshared = svc.take_in_signal(gea, canary_signal("ua"), person=canary_person("ua", "234567806"))
        for case, tag in ((doomed, "xa"), (own, "aa"), (unshared, "ua")):
            canary_weighing(gea, case.id, tag)
        # The partner is invited for A's own case and the doomed one, not for `unshared`.
        meeting = plan(gea, (own, {PARTNER}), (doomed, {PARTNER}), (unshared, set()))
        for case, tag in ((doomed, "xa"), (own, "aa"), (unshared, "ua")):
            canary_minutes(gea, meeting.id, case.id, tag)
        close_after_pga(gea, doomed.id, reason="Sluitredenxa afgerond")
        svc.place_hold(gea, own.id, canary_hold("aa"))
        svc.place_hold(gea, unshared.id, canary_hold("ua"))
        justify(gea, own.id, "Stilreden-aa blijft open")
        svc.read_case(pia, unshared.id, purpose=AccessPurpose.OTHER, explanation="Doelreden-ua nagaan")
        close_after_pga(gea, unshared.id, reason="Sluitredenua afgerond")
        close_after_pga(gea, own.id, reason="Sluitredenaa afgerond")
        other = svc.take_in_signal(gijs, canary_signal("bb"), person=canary_person("bb", "999999990"),
                                   municipality_id=zuid)
        svc.place_hold(gijs, other.id, canary_hold("bb"))
        canary_weighing(gijs, other.id, "bb")
        canary_minutes(gijs, plan(gijs, (other, set())).id, other.id, "bb")
        justify(gijs, other.id, "Stilreden-bb blijft open")
        svc.read_case(gijs, other.id, purpose=AccessPurpose.OTHER, explanation="Doelreden-bb nagaan")
        close_after_pga(gijs, other.id, reason="Sluitredenbb afgerond")
        clock.freeze(dt.datetime(2026, 1, 11, tzinfo=dt.UTC))
        svc.destroy_expired_case(gea, doomed.id)
    finally:
        clock.freeze(None)
    for session in (gea, gijs, pia):
        session.vault.close()
    return path, {"gea": password_of("gemeente"), "gijs": "zuidelijke-regie-lang", "pia": "politie-a-wachtzin",
                  "rob": password_of("partner"), "fien": password_of("toezicht"), ADMIN: ADMIN_PW}


def what_the_insider_reads(path, login: str, password: str, copy) -> bytes:
    """Everything `login` can read with its password from a copy of the vault folder and the
    witness files: every file raw, the decrypted pages and WAL frames, and every sealed value
    and drop box its compartment keys open."""
    shutil.copytree(path, copy)
    ring = json.loads((copy / keyring.KEYRING).read_text())
    slot = keyring.find_slot(ring, login)
    unlocked = keyring.unlock_slot(ring, slot, password)
    chains = compartments.unlock_compartments(ring, slot, unlocked.private_key).chains
    data_key = unlocked.data_keys[max(unlocked.data_keys)]
    found = [f.read_bytes() for f in copy.rglob("*") if f.is_file()]
    found += [f.read_bytes() for f in witness.state_dir().rglob("*") if f.is_file()]
    found.append(decrypted_pages(copy / db.DATA_DB, data_key))
    conn = db.connect(copy / db.DATA_DB, data_key)
    try:
        for table, columns in SEALED_COLUMNS.items():
            for row in conn.execute(f"SELECT {ROW_KEY.get(table, 'id')}, {', '.join(columns)} FROM {table}"):
                for column, stored in zip(columns, row[1:]):
                    found += [_inflated(opened).encode() for chain in chains.values()
                              if (opened := _open(chain, table, column, row[0], stored)) is not None]
                    if isinstance(stored, bytes) and stored[:1] == b"x":  # a weighing deflated but not sealed
                        found.append(process.weighing_json(stored).encode())
        for case_id, field, stored in conn.execute("SELECT case_id, field, value FROM shared_copies"):
            found += [_inflated(opened).encode() for chain in chains.values()
                      if (opened := _open(chain, "shared_copies", field, case_id, stored)) is not None]
    finally:
        conn.close()
    return b"\n".join(found).lower()


def _inflated(opened: str) -> str:
    """An opened value, and if it is a deflated weighing (base85 text), its JSON too."""
    try:
        return opened + process.weighing_json(opened)
    except (ValueError, zlib.error):
        return opened


def _open(chain, table: str, column: str, row_id: int, stored) -> str | None:
    """The value if this chain opens it (a sealed field, a drop box or a bulk drop box), else None."""
    if not isinstance(stored, bytes):
        return None
    try:
        return open_with(chain, table, column, row_id, stored)
    except (crypto.DecryptionFailed, ValueError):
        return None


@pytest.mark.parametrize("login, sees", [("gea", ("aa", "ua")), ("pia", ("aa", "ua")), ("gijs", ("bb",)),
                                         ("rob", ()), ("fien", ()), (ADMIN, ())])
def test_an_insider_reads_only_its_own_scope_with_every_file_in_hand(region, tmp_path, login, sees):
    path, passwords = region
    read = what_the_insider_reads(path, login, passwords[login], tmp_path / "kopie")
    shared = canaries("aa", SHARED_WORDS)  # the partner's re-sealed copies of the case it was invited to
    for tag in ("aa", "ua", "bb", "xa"):
        for canary in canaries(tag):
            expected = tag in sees or (login == "rob" and canary in shared)
            assert (canary in read) == expected, f"{login}: {canary!r}"
    for word in ("stilreden-", "doelreden-"):  # a dormancy justification and an "anders" explanation
        for tag in ("aa", "ua", "bb"):
            assert (f"{word}{tag}".encode() in read) == (tag in sees and f"{word}{tag}" in FILED), f"{login}: {word}{tag}"
    assert b"123456782" in read if "aa" in sees else b"123456782" not in read  # BSN of A's case
