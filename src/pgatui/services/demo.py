"""The demo vault: synthetic people only, one account per role, passwords shown on unlock."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from pgatui.vault.vault import DEMO_ACCOUNTS, change_password, create_vault, open_vault
from pgatui.vault.files import write_json_atomic

ADMIN = ("beheer", "demo-kluis-sleutels", "beheerder", "Gemeente Demodorp")
ACCOUNTS = (
    ("gemeente", "demo-kluis-regie", "gemeente", "Gemeente Demodorp"),
    ("politie", "demo-kluis-wijkagent", "politie", "Politie Eenheid Demo"),
    ("om", "demo-kluis-parket", "om", "OM Arrondissement Demo"),
    ("partner", "demo-kluis-reclassering", "partner", "Reclassering Demo"),
    ("toezicht", "demo-kluis-fg", "toezicht", "FG Gemeente Demodorp"),
    # A second case director in Demodorp (a handover) and one of a second municipality (issue 11).
    ("regisseur", "demo-kluis-collega-regie", "gemeente", "Gemeente Demodorp"),
    ("voorbeeld", "demo-kluis-stad-regie", "gemeente", "Gemeente Voorbeeldstad"),
)
SECOND_MUNICIPALITY = "Gemeente Voorbeeldstad"


def default_demo_folder() -> Path:
    return Path(user_data_dir("pgatui")) / "demo.pgavault"


def ensure_demo_vault(folder: Path | None = None) -> Path:
    """Create (once) the demo vault in `folder` and return its path."""
    folder = Path(folder) if folder else default_demo_folder()
    if (folder / "keyring.json").exists():
        return folder
    login, password, _, organisation = ADMIN
    create_vault(folder, login, password, organisation, demo=True)
    with open_vault(folder, login, password) as vault:
        vault.add_organisation(SECOND_MUNICIPALITY, "gemeente")
        for name, secret, role, org in ACCOUNTS:
            one_time = vault.add_user(name, role, org)
            _set_demo_password(vault, name, one_time, secret)
        _seed(vault)
    rows = [[ADMIN[0], ADMIN[1], ADMIN[2]]] + [[n, p, r] for n, p, r, _ in ACCOUNTS]
    write_json_atomic(folder / DEMO_ACCOUNTS, rows)
    return folder


def _set_demo_password(vault, login: str, one_time: str, secret: str) -> None:
    change_password(vault.path, login, one_time, secret)


def _seed(vault) -> None:
    from pgatui.services.seed import seed_demo

    seed_demo(vault)
    seed_accountable_demo(vault)


def seed_accountable_demo(vault) -> None:
    """Issue 11 in the demo: a case taken in while its person is in detention (release in six
    weeks, so the re-integration task shows), a dormant file and one kept open, and a signal
    closed as the duplicate of another (with its record for the FG). Synthetic, written straight
    into the vault like the rest of the demo data, as the gemeente and politie demo accounts."""
    import datetime as dt
    import random

    from pgatui import clock
    from pgatui.domain.criteria import load_catalogue
    from pgatui.domain.disposal import closure_reason
    from pgatui.domain.enums import CriminalTrack, DisposalKind, Phase, WeighingOutcome
    from pgatui.domain.models import (Confirmation, CriterionView, JointView, PartyView, SignalInput, Weighing,
                                      WeighingOpenInput)
    from pgatui.domain.retention import add_months
    from pgatui.services.seed import PARTICIPANTS, record_room_views
    from pgatui.services.synthetic import fake_person, fake_signal
    from pgatui.vault import accountable, process
    from pgatui.vault import cases as repo
    from pgatui.errors import AccessDenied
    from pgatui.vault.sealer import municipality_compartment

    rng, today, now = random.Random(11), clock.today(), clock.utcnow()
    suspected: dict[int, tuple[str, ...]] = {}  # case -> the ideologies its signal named

    def new_case(conn, opened: dt.date, person_id: int | None = None) -> int:
        if person_id is None:
            person_id = repo.insert_person(conn, fake_person(rng, today=today), municipality_compartment(place))
        case_id = repo.insert_case(conn, person_id, "gemeente", opened, municipality_id=place, director="gemeente")
        fake = fake_signal(rng, received_on=opened)
        signal = SignalInput(received_on=opened, received_by="Gemeente Demodorp", source_kind=fake.source_kind,
                             observed_facts=fake.observed_facts, interpretation=fake.interpretation,
                             ideologies=fake.ideologies, urgency=fake.urgency)
        repo.insert_signal(conn, case_id, signal, "gemeente")
        suspected[case_id] = fake.ideologies
        repo.reindex_case(conn, case_id)
        return case_id

    def taken_in(conn, case_id: int, on: dt.date, track=CriminalTrack.GEEN, release=None) -> None:
        catalogue = load_catalogue()
        opening = WeighingOpenInput(held_on=on, catalogue_version=catalogue.version, catalogue=catalogue,
                                    participants=PARTICIPANTS)
        stored = process.insert_weighing(conn, case_id, opening, "gemeente")
        views = tuple(PartyView(role=p.role, overall="Synthetisch standpunt") for p in PARTICIPANTS)
        joint = tuple(JointView(criterion_id=c, view=CriterionView.VAN_TOEPASSING) for c in catalogue.ids())
        confirmations = tuple(Confirmation(role=p.role, name=p.name, confirmed_at=dt.datetime.combine(
            on, dt.time(11), tzinfo=dt.UTC)) for p in PARTICIPANTS)
        weighing = Weighing.model_validate({**dict(stored), "views": views, "joint": joint, "concluded": True,
                                            "outcome": WeighingOutcome.OPNEMEN, "reasons": "Synthetische weging.",
                                            "confirmations": confirmations, "criminal_track": track,
                                            "expected_release_on": release})
        process.save_weighing(conn, weighing)
        accountable.set_criminal_track(conn, case_id, track.value, release, weighing.id)
        record_room_views(conn, case_id, suspected[case_id])
        repo.update_case(conn, case_id, phase=Phase.CASUSOVERLEG.value, last_outcome=WeighingOutcome.OPNEMEN.value,
                         last_substantive_on=on)

    with vault.writing_synthetic() as places, vault.transaction() as conn:
        # the municipality of the demo's director "gemeente": the content is sealed under its key
        place = conn.execute("SELECT id FROM organisations WHERE name = 'Gemeente Demodorp'").fetchone()[0]
        if place not in places:
            raise AccessDenied("compartment.demo_without_key")
        detained = new_case(conn, today - dt.timedelta(days=120))
        taken_in(conn, detained, today - dt.timedelta(days=100), CriminalTrack.DETENTIE, today + dt.timedelta(weeks=6))
        quiet_since = add_months(today, -30)
        for kept_open in (False, True):
            dormant = new_case(conn, quiet_since - dt.timedelta(days=30))
            taken_in(conn, dormant, quiet_since)
            if kept_open:
                accountable.insert_justification(conn, dormant, today - dt.timedelta(days=20),
                                                 "Synthetisch: strafzaak loopt nog; opnieuw bekijken na de uitspraak.",
                                                 "gemeente")
        original = new_case(conn, today - dt.timedelta(days=10))
        duplicate = new_case(conn, today - dt.timedelta(days=9))
        for signal_id in accountable.move_signals(conn, duplicate, original):
            for case_id in (duplicate, original):
                repo.add_history(conn, case_id, "signal", signal_id, "case_id", duplicate, original, "gemeente", now)
        original_case, duplicate_case = repo.get_case(conn, original), repo.get_case(conn, duplicate)
        repo.update_case(conn, duplicate, phase=Phase.AFGESLOTEN.value, closed_on=today, last_substantive_on=today,
                         closure_reason=closure_reason(DisposalKind.DUPLICAAT, original_case))
        accountable.insert_disposal(conn, case_number=duplicate_case.number, kind=DisposalKind.DUPLICAAT.value,
                                    other_number=original_case.number, actor="gemeente", confirmed_by="politie", at=now)
        repo.reindex_case(conn, duplicate)
        repo.reindex_case(conn, original)
        vault.audit("demo.accountable", object_id="cases:6")
