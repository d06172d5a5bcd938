"""A vault made before the organisation register (schema 0006, keyring slots without
organisation_id) migrates at its first open: the register is filled from the names in the
keyring, invitations and actions; every case gets its creator's municipality, and the creator as
director where that is a gemeente user."""

from __future__ import annotations

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.vault import audit, create_vault, db, keyring, open_vault, organisations
from pgatui.vault import vault as vault_module

PASSWORD = "oude-kluis-wachtzin"
USERS = (("gea", "gemeente", "Gemeente Oudstad"), ("pim", "politie", "Politie Oud"),
         ("rob", "partner", "Reclassering Oud"))


def _unsigned_append(conn, event, signer=None):
    """How events were appended before the witnessed audit (schema 0006 has no signer columns)."""
    seq, previous = audit.head(conn)
    digest = audit.link(audit._key(conn), previous, event)
    conn.execute(f"INSERT INTO audit_log(seq, {', '.join(audit.FIELDS)}, hash) "
                 f"VALUES (?, {', '.join('?' * len(audit.FIELDS))}, ?)",
                 (seq + 1, *(getattr(event, f) for f in audit.FIELDS), digest))
    return seq + 1, digest


@pytest.fixture
def old_vault(tmp_path):
    migrations = tmp_path / "migrations-0006"
    migrations.mkdir()
    for entry in db.MIGRATIONS.iterdir():
        if entry.name.endswith(".sql") and int(entry.name[:4]) <= 6:
            (migrations / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "oud.pgavault"
    with pytest.MonkeyPatch.context() as patch:  # the code of before the register, as far as it matters
        patch.setattr(db, "MIGRATIONS", migrations)
        patch.setattr(organisations, "needs_migration", lambda conn, slots: False)
        patch.setattr(organisations, "migrate_existing", lambda conn, slots: None)
        patch.setattr(vault_module, "_equip_new_vault", lambda ring, login: None)  # nor signing keys
        patch.setattr(vault_module.criteria_repo, "adopt_shipped", lambda conn, at: None)  # nor criteria (0019)
        patch.setattr(vault_module.OpenVault, "_adopt_shipped_criteria", lambda self: None)
        patch.setattr(vault_module.OpenVault, "_open_signing_keys", lambda self, slot, unlocked: None)
        patch.setattr(vault_module.OpenVault, "_unlock_compartments", lambda self, unlocked: None)  # nor compartments
        patch.setattr(audit, "append", _unsigned_append)
        create_vault(path, ADMIN, ADMIN_PW, "Gemeente Oudstad")
        with open_vault(path, ADMIN, ADMIN_PW) as vault:
            vault._update_ring(lambda ring: ring["slots"].extend(
                keyring.new_slot(ring, login, PASSWORD, kind="user", role=role, organisation=org,
                                 must_change_password=False, data_keys={ring["generation"]: vault._data_key})
                for login, role, org in USERS))
            with vault.transaction() as conn:
                conn.execute("INSERT INTO persons(id, name, date_of_birth) VALUES (1, 'Zwaantje', '2001-01-01'), "
                             "(2, 'Hendrikje', '2002-02-02')")
                conn.execute("INSERT INTO cases(id, number, person_id, phase, owner, opened_on, last_substantive_on) "
                             "VALUES (1, 'PGA-2024-00001', 1, 'monitoring', 'gea', '2024-01-01', '2024-01-01'), "
                             "(2, 'PGA-2024-00002', 2, 'signaal', 'pim', '2024-02-01', '2024-02-01')")
                conn.execute("INSERT INTO meetings(id, held_on, chair, planned_by) VALUES (1, '2024-03-01', 'gea', 'gea')")
                conn.execute("INSERT INTO agenda_items VALUES (1, 1, 1, 'nieuw')")
                conn.execute("INSERT INTO invitations VALUES (1, 1, 'Reclassering Oud'), (1, 1, 'GGZ Oud')")
                conn.execute("INSERT INTO actions(case_id, description, owner, owner_organisation, due_on) "
                             "VALUES (1, 'Bellen', 'rob', 'Reclassering Oud', '2024-04-01')")
        assert '"organisation_id"' not in (path / "keyring.json").read_text(encoding="utf-8")
    return path


def test_first_open_fills_the_register_cases_and_slots(old_vault):
    with open_vault(old_vault, "pim", PASSWORD) as vault:  # any user's first open migrates
        register = {o.name: (o.id, o.kind.value) for o in vault.list_organisations()}
        users = {u.login: u for u in vault.list_users()}
        cases = vault.conn.execute("SELECT id, municipality_id, director FROM cases ORDER BY id").fetchall()
        invited = set(vault.conn.execute("SELECT organisation, organisation_id FROM invitations"))
        action_org = vault.conn.execute("SELECT owner_organisation_id FROM actions").fetchone()[0]
        assert vault.verify().ok
    oudstad = register["Gemeente Oudstad"][0]
    assert register == {"Gemeente Oudstad": (oudstad, "gemeente"), "Politie Oud": (register["Politie Oud"][0], "politie"),
                        "Reclassering Oud": (register["Reclassering Oud"][0], "reclassering"),
                        "GGZ Oud": (register["GGZ Oud"][0], "ggz")}
    assert cases == [(1, oudstad, "gea"), (2, oudstad, "gea")]  # pim's case: the municipality's gemeente user
    assert invited == {("Reclassering Oud", register["Reclassering Oud"][0]), ("GGZ Oud", register["GGZ Oud"][0])}
    assert action_org == register["Reclassering Oud"][0]
    assert (users["gea"].organisation_id, users["gea"].municipalities) == (oudstad, (oudstad,))
    assert users["pim"].municipalities is None and users["rob"].municipalities == ()
    assert '"organisation_id"' in (old_vault / "keyring.json").read_text(encoding="utf-8")
    with open_vault(old_vault, "rob", PASSWORD) as vault:  # the partner keeps its access, now by id
        from pgatui.services import cases as svc
        from pgatui.services.session import Session
        assert [c.id for c in svc.list_cases(Session(vault))] == [1]
