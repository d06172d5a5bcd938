"""Re-sealing a compartment under a new key generation, and moving rows to another compartment.

`reseal_compartment` runs in ONE transaction: every sealed value of the compartment that is not
yet under the current generation is opened with the generation it names and sealed again under
the current one, and the compartment's blind index is rebuilt under the new search key. Values
already under the current generation are left as they are, so running it again after a crash
(or twice) is harmless.

How it fits the export-verify-swap of vault/rotation.py (crash-safe at every step):

1. keyring: `compartments.remove_member` (new generation sealed for the remaining members, the
   old one 'retiring'), fsync (keyring.save writes atomically). Crash here: values are under the
   old generation, which every remaining member still holds; the next unlock of a member sees a
   'retiring' generation and runs step 2.
2. data.db: `reseal_compartment` in one transaction (SQLite's commit is atomic: all values are
   under the new generation, or none). Crash before the commit: as after step 1.
3. the data-key rotation (`rotation.rotate`): `wal_checkpoint(TRUNCATE)`, `sqlcipher_export` into
   data.db.new under a new data key, verify, swap. The new file is written from live rows only,
   so no freed page, WAL frame or old b-tree cell holding a value under the old generation
   survives, and the removed member's data key (dropped at rotation) opens nothing new. Crash:
   rotation.recover_if_interrupted finishes or rolls back; either way step 2 is committed.
4. keyring: `compartments.finish_rekey` drops the retiring generation from every slot. Crash
   before it: the next member unlock finds nothing left under the old generation (step 2 is
   idempotent and reports 0 re-sealed) and finishes.

Step 2 needs a member (only members hold the keys); steps 1, 3 and 4 need only public keys and
the data key, so the beheerder can run them. Until step 2 has run, new values are sealed under
the new generation already (sealing always uses `KeyChain.current`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pgatui.errors import VaultDamaged
from pgatui.vault import blind_index, sealing
from pgatui.vault.compartments import CompartmentKey, KeyChain
from pgatui.vault.crypto import DecryptionFailed

Progress = Callable[[int, int], None] | None
BATCH = 1000
_OWNER = re.compile(r"[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class SealedColumn:
    """A column whose values are sealed, and the column of the same row naming its compartment."""

    table: str
    column: str
    compartment_column: str = "compartment"
    id_column: str = "id"

    def __post_init__(self):
        for name in (self.table, self.column, self.compartment_column, self.id_column):
            blind_index.identifier(name)  # identifiers only: these are spliced into SQL


@dataclass(frozen=True)
class IndexSource:
    """Where part of an owner's searchable text comes from: `kind` is names, texts, bsn or
    case_number. The source table is aliased `t`; `owner` is the owner id expression, with
    `join` when the owner lives in another table (persons -> their cases: join
    "JOIN cases o ON o.person_id = t.id", owner "o.id"). Both are constants of the code."""

    column: SealedColumn
    kind: str
    owner: str = "t.case_id"
    join: str = ""
    sealed: bool = True

    def __post_init__(self):
        if self.kind not in ("names", "texts", "bsn", "case_number"):
            raise ValueError(f"unknown index kind {self.kind!r}")
        if not _OWNER.fullmatch(self.owner):
            raise ValueError(f"not a column: {self.owner!r}")


@dataclass(frozen=True)
class IndexPlan:
    table: str
    compartment_no: int
    sources: tuple[IndexSource, ...]


@dataclass
class ResealReport:
    resealed: int = 0
    owners_indexed: int = 0
    per_column: dict[str, int] = field(default_factory=dict)


def reseal_compartment(conn, columns: Iterable[SealedColumn], chain: KeyChain, *,
                       index: IndexPlan | None = None, progress: Progress = None) -> ResealReport:
    """Re-seal every value of `chain.compartment` under `chain.current`, and rebuild its blind
    index, in one transaction (BEGIN IMMEDIATE .. COMMIT; ROLLBACK and re-raise on any error).
    A value that opens with no generation of the chain is damage: nothing is changed."""
    columns = list(columns)
    report = ResealReport()
    conn.execute("BEGIN IMMEDIATE")
    try:
        counts = [_count(conn, c, chain.compartment) for c in columns]
        for position, column in enumerate(columns):
            done = _reseal_column(conn, column, chain)
            report.per_column[f"{column.table}.{column.column}"] = done
            report.resealed += done
            if progress:
                progress(sum(counts[:position + 1]), sum(counts))
        if index is not None:
            report.owners_indexed = rebuild_index(conn, index, chain)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report


def _count(conn, column: SealedColumn, compartment: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {column.table} WHERE {column.compartment_column} = ? "
                        f"AND {column.column} IS NOT NULL", (compartment,)).fetchone()[0]


def _reseal_column(conn, column: SealedColumn, chain: KeyChain) -> int:
    target = chain.current
    rows = conn.execute(f"SELECT {column.id_column}, {column.column} FROM {column.table} "
                        f"WHERE {column.compartment_column} = ? AND {column.column} IS NOT NULL",
                        (chain.compartment,)).fetchall()
    updates = []
    for row_id, blob in rows:
        if _generation(blob, column, row_id) == target.generation:
            continue
        plain = _open(chain, column, row_id, blob)
        updates.append((sealing.seal_field(target, column.table, column.column, row_id, plain), row_id))
    for start in range(0, len(updates), BATCH):
        conn.executemany(f"UPDATE {column.table} SET {column.column} = ? WHERE {column.id_column} = ?",
                         updates[start:start + BATCH])
    return len(updates)


def _generation(blob, column: SealedColumn, row_id: int) -> int:
    try:
        return sealing.generation_of(blob)
    except DecryptionFailed:
        raise _damage(column, row_id) from None


def _open(keys: KeyChain | CompartmentKey, column: SealedColumn, row_id: int, blob) -> str:
    try:
        return sealing.open_field(keys, column.table, column.column, row_id, blob)
    except DecryptionFailed:
        raise _damage(column, row_id) from None


def _damage(column: SealedColumn, row_id: int) -> VaultDamaged:
    return VaultDamaged("sealing.value_opens_not", column=f"{column.table}.{column.column}", row=row_id)


def owner_fields(conn, plan: IndexPlan, chain: KeyChain, owner: int | None = None) -> dict[int, dict]:
    """Per owner, the opened names/texts/bsn/case_number its index tokens come from (of one
    owner, or of the whole compartment)."""
    fields: dict[int, dict] = {}
    for source in plan.sources:
        column = source.column
        clause, params = f"t.{column.compartment_column} = ?", [chain.compartment]
        if owner is not None:
            clause += f" AND {source.owner} = ?"
            params.append(owner)
        rows = conn.execute(f"SELECT {source.owner}, t.{column.id_column}, t.{column.column} FROM {column.table} t "
                            f"{source.join} WHERE {clause} AND t.{column.column} IS NOT NULL", params)
        for owner_id, row_id, value in rows:
            text = _open(chain, column, row_id, value) if source.sealed else value
            entry = fields.setdefault(owner_id, {"names": [], "texts": []})
            if source.kind in ("names", "texts"):
                entry[source.kind].append(text)
            else:
                entry[source.kind] = text
    return fields


def rebuild_index(conn, plan: IndexPlan, chain: KeyChain) -> int:
    """Drop the compartment's index rows and write them again under the current search key."""
    blind_index.delete_compartment(conn, plan.table, plan.compartment_no)
    owners = owner_fields(conn, plan, chain)
    for owner, fields in owners.items():
        blind_index.replace_owner(conn, plan.table, plan.compartment_no, owner,
                                  blind_index.index_tokens(chain.current, **fields))
    return len(owners)


def reindex_owner(conn, plan: IndexPlan, chain: KeyChain, owner: int) -> None:
    """After an intake or an edit: the owner's tokens from its current fields (caller's transaction)."""
    fields = owner_fields(conn, plan, chain, owner).get(owner, {})
    blind_index.replace_owner(conn, plan.table, plan.compartment_no, owner,
                              blind_index.index_tokens(chain.current, **fields) if fields else ())


def move_rows(conn, columns: Iterable[SealedColumn], rows: Iterable[tuple[str, int]], source: KeyChain,
              target: CompartmentKey) -> int:
    """Move rows to another compartment (a case moved to another municipality): every sealed
    column of each listed (table, row id) is re-sealed under `target` and the row's compartment
    column set, in the caller's transaction. The caller re-indexes the owner in both compartments."""
    by_table: dict[str, list[SealedColumn]] = {}
    for column in columns:
        by_table.setdefault(column.table, []).append(column)
    moved = 0
    for table, row_id in rows:
        _move_row(conn, by_table[table], row_id, source, target)
        moved += 1
    return moved


def _move_row(conn, columns: list[SealedColumn], row_id: int, source: KeyChain, target: CompartmentKey) -> None:
    first = columns[0]
    names = ", ".join(c.column for c in columns)
    row = conn.execute(f"SELECT {first.compartment_column}, {names} FROM {first.table} WHERE {first.id_column} = ?",
                       (row_id,)).fetchone()
    if row is None or row[0] != source.compartment:
        raise _damage(first, row_id)
    resealed = [sealing.seal_field(target, c.table, c.column, row_id,
                                   None if value is None else _open(source, c, row_id, value))
                for c, value in zip(columns, row[1:])]
    assignments = ", ".join(f"{c.column} = ?" for c in columns)
    conn.execute(f"UPDATE {first.table} SET {assignments}, {first.compartment_column} = ? WHERE {first.id_column} = ?",
                 (*resealed, target.compartment, row_id))
