"""The session's compartment keys as the repositories use them (docs/COMPARTMENTS.md, "Wiring").

An unlock gives a `Sealer` (the compartment keys of the account); it rides on the database
connection (`db.VaultConnection.sealer`) so the repository functions keep their signatures and
every caller that holds the session's connection seals and opens with the session's keys. A
connection opened without an unlock (tests, maintenance) carries `NO_KEYS`.

Rows of a case whose compartment is NULL were written before migration 0018 or without a
municipality: they are plain and read as they are.
"""

from __future__ import annotations

import json

from pgatui.domain.models import SEALED
from pgatui.errors import AccessDenied, VaultDamaged
from pgatui.vault import blind_index, compartments, sealing
from pgatui.vault.compartments import CompartmentKey, CompartmentKeys, KeyChain
from pgatui.vault.crypto import DecryptionFailed

DROP_BOX_START = b"{"  # a value sealed into a compartment by a non-member (a sealed field starts with 0x01)
BULK_START = compartments.BULK_START  # the same, in the bulk form (one transfer key per writer)

NO_KEY = "compartment.no_key_yet"


def municipality_compartment(municipality_id: int | None) -> str | None:
    """The compartment of a case of that municipality (None: a case without one stays plain)."""
    return None if municipality_id is None else f"gemeente:{municipality_id}"


class NoCompartmentKey(AccessDenied):
    """The account holds no key of the compartment a read or write needs (audited as a refusal
    of the action by `Session.change`)."""


class Sealer:
    def __init__(self, keys: CompartmentKeys | None = None, published: dict | None = None,
                 bulk: compartments.BulkWriter | None = None) -> None:
        self.keys = keys or CompartmentKeys({})
        self.published = {"compartments": published or {}}  # the keyring's registry: drop-box public keys
        # this session's transfer keys into compartments it holds no key of (kept when the keys are renewed)
        self.bulk = bulk or compartments.BulkWriter()

    def holds(self, compartment: str | None) -> bool:
        """Whether values of `compartment` open (a plain row, compartment None, always does)."""
        return compartment is None or compartment in self.keys

    def chain(self, compartment: str) -> KeyChain:
        if compartment not in self.keys:
            raise NoCompartmentKey(NO_KEY)
        return self.keys.chain(compartment)

    def current(self, compartment: str) -> CompartmentKey:
        return self.chain(compartment).current

    def seal(self, compartment: str | None, table: str, column: str, row_id: int, value):
        """The stored form of `value`: sealed under the compartment's current key, or the value
        itself for a plain row. AccessDenied without the key (never written in plain then)."""
        if compartment is None or value is None:
            return value
        return sealing.seal_field(self.current(compartment), table, column, row_id, str(value))

    def seal_into(self, compartment: str, table: str, column: str, row_id: int, value):
        """Like `seal`, also without the key: then into the compartment's drop box (its members
        open it, and re-seal it as an ordinary field: `import_drop_boxes`)."""
        if value is None or compartment in self.keys:
            return self.seal(compartment, table, column, row_id, value)
        return self.bulk.seal(self.published, compartment, str(value).encode("utf-8"),
                               _drop_context(table, column, row_id))

    def open(self, compartment: str | None, table: str, column: str, row_id: int, stored):
        """The plain value; `SEALED` without the key; VaultDamaged when a value does not open."""
        if compartment is None or stored is None:
            return stored
        if compartment not in self.keys:
            return SEALED
        try:
            return open_with(self.keys.chain(compartment), table, column, row_id, stored)
        except (DecryptionFailed, ValueError, TypeError, AttributeError):
            raise VaultDamaged("compartment.value_opens_not", table=table, column=column, row=row_id) from None

    def token(self, compartment: str, kind: bytes, value: str) -> bytes:
        return blind_index.token(self.current(compartment), kind, value)

    def held(self) -> list[str]:
        return self.keys.ids()


def open_with(chain: KeyChain, table: str, column: str, row_id: int, stored) -> str:
    """A stored value of (table, column, row) opened with one compartment's keys, whatever its
    form: a sealed field, a drop box or a bulk drop box. DecryptionFailed (or ValueError for a
    malformed box) when these keys do not open it."""
    start = bytes(stored[:1])
    if start == DROP_BOX_START:
        return compartments.open_from_drop_box(chain, json.loads(bytes(stored)),
                                               _drop_context(table, column, row_id)).decode("utf-8")
    if start == BULK_START:
        return compartments.open_bulk(chain, stored, _drop_context(table, column, row_id)).decode("utf-8")
    return sealing.open_field(chain, table, column, row_id, stored)


def _drop_context(table: str, column: str, row_id: int) -> bytes:
    return f"{table}|{column}|{row_id}".encode()


def is_drop_box(stored) -> bool:
    """Whether a stored value waits in a drop box (single or bulk) for a member to take it in."""
    return isinstance(stored, (bytes, bytearray, memoryview)) and bytes(stored[:1]) in (DROP_BOX_START, BULK_START)


NO_KEYS = Sealer()


def sealer_of(conn) -> Sealer:
    return getattr(conn, "sealer", None) or NO_KEYS


def compartment_no(conn, compartment: str, *, create: bool = True) -> int | None:
    """The small number of a compartment in the blind index (made at its first use)."""
    row = conn.execute("SELECT no FROM compartment_numbers WHERE id = ?", (compartment,)).fetchone()
    if row is not None or not create:
        return row[0] if row else None
    return conn.execute("INSERT INTO compartment_numbers(id) VALUES (?) RETURNING no", (compartment,)).fetchone()[0]
