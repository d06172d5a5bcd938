"""Random sequences over the real services with two municipalities: a gemeente user never reads,
lists, searches, plans or exports (weighing records, minutes) a case of another municipality, and every action that succeeds
or is refused for access leaves an audit event.

Gemeente Test has gea and gwen, Gemeente Zuid has gijs; pim (politie) sees both.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from helpers import ADMIN, ADMIN_PW
from people import signal, user
from people import confirm_keys
from process_builders import PARTIES, draft, weigh
from pgatui import clock
from pgatui.domain.models import PersonInput, WeighingOutcome
from pgatui.errors import AccessDenied, DomainError, NotFound
from pgatui.services import cases as svc
from pgatui.services import meetings, ownership, weighing
from pgatui.services.session import Session
from pgatui.services.minutes_export import export_minutes
from pgatui.services.weighing_record import export_weighing_record
from pgatui.vault import create_vault, crypto, open_vault

GEMEENTE_USERS = ("gea", "gwen", "gijs")
NAMES = ("Zwaantje Oudewaterloo", "Hendrikje Vasthouder", "Teun Knotwilg")


class MunicipalityMachine(RuleBasedStateMachine):
    cases = Bundle("cases")

    def __init__(self) -> None:
        super().__init__()
        crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
        self._dir = tempfile.TemporaryDirectory()
        self.folder = Path(self._dir.name)
        path = self.folder / "regio.pgavault"
        create_vault(path, ADMIN, ADMIN_PW, "Gemeente Test")
        with open_vault(path, ADMIN, ADMIN_PW) as vault:
            vault.add_organisation("Gemeente Zuid", "gemeente")
        self.people = {login: Session(user(path, login, role.value, org)) for login, role, org in PARTIES}
        self.people["gwen"] = Session(user(path, "gwen", "gemeente", "Gemeente Test", "tweede-regisseur-lang"))
        self.people["gijs"] = Session(user(path, "gijs", "gemeente", "Gemeente Zuid", "zuidelijke-regie-lang"))
        confirm_keys(*self.people.values())
        self.exports = 0

    def teardown(self) -> None:
        clock.freeze(None)
        for session in self.people.values():
            session.vault.close()
        self._dir.cleanup()
        crypto.use_kdf_for_new_slots(crypto.STRONG_KDF)

    # --- helpers ---------------------------------------------------------------------------------

    def municipality(self, case_id: int) -> int | None:
        row = self.people["pim"].vault.conn.execute("SELECT municipality_id FROM cases WHERE id = ?", (case_id,)).fetchone()
        return row[0] if row else None

    def sees(self, login: str, case_id: int) -> bool:
        return self.municipality(case_id) in self.people[login].user.municipalities

    def audited(self, session, action, *args, **kwargs):
        """Run a service; a success or an access refusal must add audit events, a rule refusal may not."""
        before = self.audit_count(session)
        try:
            result = action(*args, **kwargs)
        except AccessDenied:
            assert self.audit_count(session) > before, f"{action.__name__}: refusal not audited"
            raise
        except (DomainError, NotFound):
            return None
        assert self.audit_count(session) > before, f"{action.__name__}: not audited"
        return result

    @staticmethod
    def audit_count(session) -> int:
        return session.vault.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    def access(self, login, case_id, action, *args, **kwargs):
        """A case-scoped action: allowed exactly when the case is of the user's municipality."""
        allowed = self.sees(login, case_id)
        try:
            return self.audited(self.people[login], action, *args, **kwargs)
        except AccessDenied:
            assert not allowed, f"{login} refused {action.__name__} on a case of its own municipality"
            return None

    # --- rules -----------------------------------------------------------------------------------

    @rule(target=cases, login=st.sampled_from(("gea", "gijs", "pim")), name=st.sampled_from(NAMES),
          address=st.sampled_from(("", "Markt 1, Zuid", "Dorpsweg 2, Test")))
    def take_in(self, login, name, address):
        person = PersonInput(name=name, date_of_birth=dt.date(2003, 3, 3), address=address)
        case = self.audited(self.people[login], svc.take_in_signal, self.people[login], signal(), person=person)
        if case is not None:
            assert self.people[login].user.municipalities is None or case.municipality_id in self.people[login].user.municipalities
        return case.id if case is not None else 0

    @rule(case_id=cases, login=st.sampled_from(GEMEENTE_USERS))
    def read(self, case_id, login):
        found = self.access(login, case_id, svc.read_case, self.people[login], case_id)
        if found is not None:
            assert self.sees(login, case_id)

    @rule(case_id=cases, login=st.sampled_from(GEMEENTE_USERS))
    def weigh_and_export(self, case_id, login):
        session = self.people[login]
        if self.sees(login, case_id):
            self.audited(session, weigh, session, case_id, WeighingOutcome.OPNEMEN)
        rows = session.vault.conn.execute("SELECT id FROM weighings WHERE case_id = ?", (case_id,)).fetchall()
        for (weighing_id,) in rows:
            self.exports += 1
            target = self.folder / f"weging-{self.exports}.txt"
            self.access(login, case_id, export_weighing_record, session, weighing_id, target)
            assert target.exists() == self.sees(login, case_id)
            self.access(login, case_id, weighing.read_weighing, session, weighing_id)

    @rule(case_id=cases, login=st.sampled_from(GEMEENTE_USERS), to=st.sampled_from(GEMEENTE_USERS))
    def hand_over(self, case_id, login, to):
        self.access(login, case_id, ownership.hand_over, self.people[login], case_id, to)

    @rule(case_id=cases, login=st.sampled_from(GEMEENTE_USERS))
    def move(self, case_id, login):
        target = [m for m in (self.people["gea"].user.municipalities + self.people["gijs"].user.municipalities)
                  if m != self.municipality(case_id)]
        if target:
            self.access(login, case_id, ownership.move_to_municipality, self.people[login], case_id, target[0])

    @rule(case_id=cases, login=st.sampled_from(GEMEENTE_USERS))
    def plan(self, case_id, login):
        """Plan a meeting for the case; where that is allowed, write and finalise its minutes too
        (only final minutes are exported)."""
        session = self.people[login]
        item = meetings.AgendaItem(case_id=case_id, reason=meetings.AgendaReason.NIEUW)
        meeting = self.access(login, case_id, meetings.plan_meeting, session,
                              meetings.MeetingInput(held_on=dt.date(2026, 12, 1), chair=login, agenda=(item,)))
        if meeting is not None and self.audited(session, meetings.save_minutes, session, meeting.id, case_id,
                                                 draft()) is not None:
            self.audited(session, meetings.finalise_minutes, session, meeting.id, case_id)

    @rule(login=st.sampled_from(GEMEENTE_USERS))
    def export_minutes(self, login):
        """Every meeting of the vault, exported by a gemeente user: a file names only cases of its own
        municipalities (a meeting with none of them is refused)."""
        session = self.people[login]
        for (meeting_id,) in session.vault.conn.execute("SELECT id FROM meetings").fetchall():
            self.exports += 1
            target = self.folder / f"notulen-{self.exports}.txt"
            self.audited(session, export_minutes, session, meeting_id, target, organisation=None)
            if target.exists():
                named = {int(number) for number in re.findall(r"PGA-\d{4}-(\d{5})", target.read_text())}
                assert named and all(self.sees(login, case_id) for case_id in named), (login, named)

    # --- what a gemeente user is shown -------------------------------------------------------------

    @invariant()
    def lists_searches_and_boards_hold_only_own_municipalities(self):
        for login in GEMEENTE_USERS:
            session = self.people[login]
            own = set(session.user.municipalities)
            shown = {c.id for c in svc.list_cases(session)}
            shown |= {r.case.id for r in svc.case_rows(session, by_due=True)}
            for query in NAMES + ("PGA", "1", "2"):
                shown |= {c.id for c, _ in svc.search_cases(session, query)}
            shown |= {c.case.id for c in meetings.agenda_candidates(session)}
            board = svc.dashboard(session)
            shown |= {t.case_id for t in board.tasks} | {o.case_id for o in board.overdue}
            shown |= {n.case_id for n in board.notices}
            for summary in meetings.list_meetings(session):
                shown |= {line.case_id for line in meetings.read_meeting(session, summary.id).lines}
            assert all(self.municipality(case_id) in own for case_id in shown), login
            assert sum(board.counts.values()) == len({c.id for c in svc.list_cases(session, limit=10_000)})


# 8 sequences of 12 steps a run (was 15, about 50 core-seconds of the suite): the invariant after
# every step asks all three gemeente users every list, search, board and meeting; the sequences
# are random per run (not derandomised), so successive runs of the suite keep exploring new ones.
MunicipalityMachine.TestCase.settings = settings(max_examples=8, stateful_step_count=12, deadline=None,
                                                 suppress_health_check=[HealthCheck.too_slow])
TestMunicipalities = MunicipalityMachine.TestCase
