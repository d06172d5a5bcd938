"""The SQL for the criteria catalogues adopted in the vault (migration 0019).

The newest row is the catalogue in force. Repository functions taking a connection; the services
call them inside `vault.transaction()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pgatui.domain.criteria import Catalogue, shipped_catalogues
from pgatui.vault.cases import iso

SHIPPED_BY = "pgatui"  # who "adopted" the versions that came with the program


@dataclass(frozen=True)
class Adoption:
    version: str
    adopted_on: dt.date
    reason: str
    adopted_by: str
    recorded_at: str


def catalogue_in_force(conn) -> Catalogue | None:
    row = conn.execute("SELECT body FROM criteria_catalogues ORDER BY id DESC LIMIT 1").fetchone()
    return Catalogue.model_validate_json(row[0]) if row else None


def catalogue_version(conn, version: str) -> Catalogue | None:
    row = conn.execute("SELECT body FROM criteria_catalogues WHERE version = ?", (version,)).fetchone()
    return Catalogue.model_validate_json(row[0]) if row else None


def version_known(conn, version: str) -> bool:
    return conn.execute("SELECT 1 FROM criteria_catalogues WHERE version = ?", (version,)).fetchone() is not None


def adoptions(conn) -> list[Adoption]:
    """Every adopted version, newest first."""
    rows = conn.execute("SELECT body, reason, adopted_by, recorded_at FROM criteria_catalogues ORDER BY id DESC")
    adopted = []
    for body, reason, by, at in rows:
        catalogue = Catalogue.model_validate_json(body)
        adopted.append(Adoption(catalogue.version, catalogue.adopted, reason, by, at))
    return adopted


def insert_catalogue(conn, catalogue: Catalogue, reason: str, actor: str, at: dt.datetime) -> int:
    return conn.execute("INSERT INTO criteria_catalogues(version, body, reason, adopted_by, recorded_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (catalogue.version, catalogue.model_dump_json(), reason, actor, iso(at))).lastrowid


def needs_shipped(conn) -> bool:
    return conn.execute("SELECT 1 FROM criteria_catalogues LIMIT 1").fetchone() is None


def adopt_shipped(conn, at: dt.datetime) -> None:
    """A vault without catalogues adopts the shipped ones (the one in force last), in the
    caller's transaction: the default of a new vault, and of a vault from before 0019."""
    if not needs_shipped(conn):
        return
    for catalogue in shipped_catalogues():
        insert_catalogue(conn, catalogue, "meegeleverd", SHIPPED_BY, at)
