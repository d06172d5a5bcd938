"""A vault as main's code left it before migration 0018: cases whose rows are plain (compartment
NULL), and users added while there were no compartments (tests/ is on sys.path)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ADMIN, ADMIN_PW
from people import signal, user
from pgatui.domain.models import ActionItemInput, LegalHold, PersonInput, Weighing, WeighingOpenInput
from pgatui.vault import cases as repo
from pgatui.vault import process
from pgatui.vault import membership, open_vault
from pgatui.vault import vault as vault_module

# Lower-case words of the plain cases (with a tag appended): what no page may hold after migrating.
CANARIES = (b"oudkanarie", b"oudvogel", b"oudweg", b"oudfeit", b"oudstopreden", b"oudhistorie", b"oudactie",
            b"oudsluitreden")  # (the weighing's "oudweging" is deflated: tests read it back instead)


def write_plain_case(conn, municipality_id: int, tag: str) -> int:
    """A case as main's code wrote it before 0018: person, signal, hold, history, a weighing, an
    action and a closure reason plain."""
    person = PersonInput(name=f"Oudkanarie{tag} Oudvogel{tag}", date_of_birth=dt.date(1990, 1, 1),
                         address=f"Oudweg{tag} 1", bsn=None)
    person_id = repo.insert_person(conn, person)  # no compartment: plain
    case_id = repo.insert_case(conn, person_id, "gea", dt.date(2024, 1, 1), director="gea")
    repo.insert_signal(conn, case_id, signal(observed_facts=f"Oudfeit{tag} op school"), "gea")
    repo.insert_hold(conn, case_id, LegalHold(reason=f"Oudstopreden{tag}", owner="gemeente",
                                              ends_on=dt.date(2040, 1, 1)), "gea")
    repo.add_history(conn, case_id, "case", case_id, "phase", None, f"oudhistorie{tag}", "gea",
                     dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    weighing = process.insert_weighing(conn, case_id, WeighingOpenInput(held_on=dt.date(2024, 1, 2),
                                                                        catalogue_version="2026-1"), "gea")
    process.save_weighing(conn, Weighing.model_validate(
        {**weighing.model_dump(), "views": [{"role": "gemeente", "overall": f"Oudweging{tag}"}]}))
    process.insert_action(conn, case_id, ActionItemInput(description=f"Oudactie{tag} doen", owner="gea",
                                                         owner_organisation="Gemeente Test",
                                                         due_on=dt.date(2024, 2, 1)))
    repo.update_case(conn, case_id, closure_reason=f"Oudsluitreden{tag}")
    # The municipality last: with it the repository would have sealed the rows.
    conn.execute("UPDATE cases SET municipality_id = ? WHERE id = ?", (municipality_id, case_id))
    return case_id


def vault_before_compartments(path, tags=("a", "b", "c")) -> list[int]:
    """Give the vault at `path` a gemeente user gea of Gemeente Test and a plain case per tag of
    that municipality, with compartments switched off (so none exists yet: the first member
    unlock or the migration makes it). Returns the case ids."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vault_module.OpenVault, "_unlock_compartments", lambda self, unlocked: None)
        patch.setattr(membership, "sync", lambda ring, ids, known: [])
        user(path, "gea", "gemeente", "Gemeente Test").close()
        with open_vault(path, ADMIN, ADMIN_PW) as vault, vault.transaction() as conn:
            municipality = conn.execute("SELECT id FROM organisations WHERE name = 'Gemeente Test'").fetchone()[0]
            return [write_plain_case(conn, municipality, tag) for tag in tags]
