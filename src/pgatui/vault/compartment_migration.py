"""Sealing a vault's plain rows into compartments: one export-verify-swap (docs/COMPARTMENTS.md,
"Migrating an existing vault").

A vault made before migration 0018 keeps its persons, signals, hold reasons, history values and
reasons plain (`compartment IS NULL`) after 0018 ran: search does not find them (the full-text
index is gone) and the data key reads them. The beheerder's `pgatui migrate-compartments` seals
them into their case's municipality compartment, on the copy of a key rotation:

1. keyring: the compartment of every municipality with members-to-be that has none yet (this
   process then knows its key and seals and indexes directly; a compartment that exists already
   is written through its drop box and its members' next session takes the cases in and indexes
   them, `cases.import_drop_boxes`); then rotation step 1 (a new data key);
2. data.db is exported to data.db.new; on the copy, in one transaction, every plain case of such
   a municipality is sealed (`cases.move_case` from "no compartment"), then VACUUM: no page of
   the copy keeps a plain value; the copy is verified (integrity, and the row counts it committed);
3. the rotation's swap and finish.

A crash before the swap leaves the old vault (the next open rolls the rotation back and removes
the copy); after it the new one (the next open finishes the rotation): both open. Running the
command again seals what is left. Cases of a municipality without any member stay plain (nobody
could open a key made for them); they are counted, so the beheerder can add a member and run it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pgatui.errors import VaultDamaged
from pgatui.vault import cases, compartments, db, membership, rotation
from pgatui.vault.faults import crash_point
from pgatui.vault.sealer import Sealer, municipality_compartment

PROGRESS_EVERY = 100  # cases sealed between two progress reports

Progress = Callable[[int, int], None] | None

# A case of a municipality with a compartment, with any row still plain.
_PLAIN_CASES = ("SELECT c.id, c.municipality_id FROM cases c WHERE c.municipality_id IS NOT NULL AND ("
                "EXISTS (SELECT 1 FROM persons p WHERE p.id = c.person_id AND p.compartment IS NULL)"
                + "".join(f" OR EXISTS (SELECT 1 FROM {table} r WHERE r.case_id = c.id AND r.compartment IS NULL)"
                          for table in ("signals", *cases.CASE_SEALED))
                + " OR typeof(c.closure_reason) = 'text') ORDER BY c.id")


@dataclass(frozen=True)
class MigrationResult:
    sealed: int       # cases sealed into their municipality's compartment
    left_plain: int   # cases of a municipality without members (no compartment): still plain
    generation: int   # the data-key generation in use afterwards


def plain_cases(conn) -> list[tuple[int, int]]:
    """(case id, municipality id) of every case with a row still plain."""
    return [tuple(r) for r in conn.execute(_PLAIN_CASES)]


def migrate(vault, progress: Progress = None) -> MigrationResult:
    """Seal every plain case of a municipality with members, in one export-verify-swap (the
    beheerder; the exclusive lock for the whole run)."""
    vault._require_admin("compartment.migrate")
    report = progress or (lambda done, total: None)
    vault._lock.exclusive()
    try:
        with vault.transaction():
            vault.audit("compartment.migrate", result="started")
        ids = vault._municipality_ids()
        with vault.transaction():
            vault._update_ring(lambda ring: vault._audit_all(membership.sync(ring, ids, vault._known_chains)))
        published = vault._ring.get("compartments", {})
        todo = [(case_id, municipality_compartment(m)) for case_id, m in plain_cases(vault.conn)]
        sealable = [(case_id, c) for case_id, c in todo if c in published]
        sealer = Sealer(compartments.CompartmentKeys(
            {c: chain for c, chain in vault._known_chains.items() if c in published}), published)
        total = len(sealable) + rotation.STEPS

        def rotation_step(done: int, _steps: int) -> None:  # step 1, then 2.. after the sealing
            report(done if done == 1 else len(sealable) + done, total)

        rotation.rotate(vault, rotation_step,
                        prepare=lambda path, key: _seal_copy(path, key, sealer, sealable, report, total),
                        locked=True)
        with vault.transaction():
            vault.audit("compartment.migrate", object_id=f"generation:{vault.generation}")
        vault._give_keys()
        return MigrationResult(len(sealable), len(todo) - len(sealable), vault.generation)
    finally:
        vault._lock.shared()


def _seal_copy(path: Path, key: bytes, sealer: Sealer, sealable: list[tuple[int, str]], report,
               total: int) -> tuple:
    """On the exported copy: seal the cases in one transaction, VACUUM, and return the copy's
    fingerprint as committed (the rotation reopens the copy and compares)."""
    conn = db.connect(path, key)
    try:
        conn.sealer = sealer
        conn.execute("BEGIN IMMEDIATE")
        for done, (case_id, compartment) in enumerate(sealable, start=1):
            cases.move_case(conn, case_id, None, compartment)
            if done % PROGRESS_EVERY == 0 or done == len(sealable):
                report(1 + done, total)
        _require_nothing_plain(conn, sealable)
        conn.execute("COMMIT")
        crash_point("migrate-after-seal")
        conn.execute("VACUUM")  # no freed page or b-tree divider of the copy keeps a plain value
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return rotation.fingerprint(conn)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _require_nothing_plain(conn, sealable: list[tuple[int, str]]) -> None:
    """Every case sealed here has no plain row left (else the copy is not swapped in)."""
    wanted = {case_id for case_id, _ in sealable}
    if any(case_id in wanted for case_id, _ in plain_cases(conn)):
        raise VaultDamaged("compartment.migration_incomplete")
