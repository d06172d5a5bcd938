"""Synthetic cases for demos and benchmarks (`pgatui seed`, the demo vault).

Bulk inserts in one transaction per batch, with one audit event per batch: 100,000 persons
must be quick, and the audit log records that synthetic data was added, not each fake person.
"""

from __future__ import annotations

import datetime as dt
import random

from pgatui.domain.models import Phase, SignalInput, WeighingOutcome
from pgatui.domain.roles import Role
from pgatui.errors import AccessDenied
from pgatui.services.session import Session
from pgatui.services.synthetic import fake_person, fake_signal
from pgatui.vault import cases as repo

BATCH = 5000
PHASES = (Phase.SIGNAAL, Phase.WEGING, Phase.CASUSOVERLEG, Phase.MONITORING, Phase.AFGESLOTEN)
OUTCOMES = tuple(WeighingOutcome)


def seed_vault(session: Session, persons: int, *, seed: int = 2026, progress=None) -> int:
    """Add `persons` synthetic persons, each with one case and a signal; deterministic per seed."""
    if session.user.role not in (Role.BEHEERDER,):
        session.vault.audit_refusal("seed")
        raise AccessDenied("Alleen een beheerder mag synthetische gegevens toevoegen.")
    rng, today, done = random.Random(seed), session.today(), 0
    while done < persons:
        size = min(BATCH, persons - done)
        with session.change("seed.batch", f"persons:{size}") as conn:
            for _ in range(size):
                _one(conn, rng, today)
        done += size
        if progress:
            progress(done, persons)
    return done


def _one(conn, rng: random.Random, today: dt.date) -> None:
    person = fake_person(rng, today=today)
    person_id = repo.insert_person(conn, person)
    opened = today - dt.timedelta(days=rng.randrange(0, 9 * 365))
    case_id = repo.insert_case(conn, person_id, rng.choice(("gemeente", "politie", "om")), opened)
    fake = fake_signal(rng, received_on=opened)
    signal = SignalInput(received_on=opened, received_by="Gemeente Demodorp", source_kind=fake.source_kind,
                         observed_facts=fake.observed_facts, interpretation=fake.interpretation,
                         ideology=fake.ideology, urgency=fake.urgency)
    repo.insert_signal(conn, case_id, signal, "seed")
    phase = rng.choice(PHASES)
    if phase is Phase.AFGESLOTEN:
        repo.update_case(conn, case_id, phase=phase.value, closed_on=opened, closure_reason="Synthetisch afgesloten",
                         last_outcome=rng.choice(OUTCOMES).value, last_substantive_on=opened)
    else:
        repo.update_case(conn, case_id, phase=phase.value)
    repo.index_case(conn, case_id, person.name, signal.observed_facts + " " + signal.interpretation)


def seed_demo(vault) -> None:
    seed_vault(Session(vault), 60, seed=7)

