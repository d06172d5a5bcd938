"""The weighing criteria adopted in the vault (issue 14, item 1): read the catalogue in force and
the adoptions, adopt a new version (from a file or edited in a form) with a reason and a date.

A gemeente user (the municipality runs the process) or the beheerder adopts; every adoption is
audited as `criteria.adopt` with the catalogue row's id only. Old versions stay in the vault, and a
weighing keeps the full text of the version it used (services.weighing), so nothing adopted later
changes what an earlier weighing meant.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from pgatui.domain.access import Permission
from pgatui.domain.criteria import Catalogue, Criterion, load_catalogue, parse_catalogue
from pgatui.errors import DomainError, InvalidValue
from pgatui.services.session import Session
from pgatui.vault import criteria as repo
from pgatui.vault.files import TooLarge, read_bounded

MAX_CATALOGUE_BYTES = 256 * 1024


@dataclass(frozen=True)
class CriteriaView:
    catalogue: Catalogue
    adoptions: list[repo.Adoption]  # newest first; empty only in a vault that could not adopt yet


def in_force(conn) -> Catalogue:
    """The catalogue in force in the vault (the shipped one while the vault holds none)."""
    return repo.catalogue_in_force(conn) or load_catalogue()


def version_of(conn, version: str) -> Catalogue:
    """A version a weighing recorded: from the vault, else from the shipped file."""
    return repo.catalogue_version(conn, version) or load_catalogue(version)


def read_criteria(session: Session) -> CriteriaView:
    """The catalogue in force and every adoption (no personal data; audited as `criteria.read`)."""
    with session.change("criteria.read") as conn:
        return CriteriaView(in_force(conn), repo.adoptions(conn))


def adopt_catalogue(session: Session, catalogue: Catalogue, *, reason: str, adopted_on: dt.date) -> Catalogue:
    """Adopt `catalogue` as the version in force, with the reason and date of adoption."""
    session.authorize(Permission.CRITERIA_ADOPT, object_id="criteria")
    reason = reason.strip()
    if not reason:
        raise InvalidValue("criteria.reason_required")
    adopted = catalogue.model_copy(update={"adopted": adopted_on})
    with session.vault.transaction() as conn:
        if repo.version_known(conn, adopted.version):
            raise DomainError("criteria.version_exists", version=adopted.version)
        row = repo.insert_catalogue(conn, adopted, reason, session.user.login, session.now())
        session.vault.audit("criteria.adopt", object_id=f"catalogue:{row}")
    return adopted


def adopt_catalogue_file(session: Session, path: str | os.PathLike, *, reason: str,
                         adopted_on: dt.date) -> Catalogue:
    """adopt_catalogue with a catalogue from a JSON file the user chose (one version)."""
    session.authorize(Permission.CRITERIA_ADOPT, object_id="criteria")  # before touching the file
    return adopt_catalogue(session, _catalogue_from(_read_file(path)), reason=reason, adopted_on=adopted_on)


def adopt_edited(session: Session, criterion: Criterion, *, replaces: str | None, version: str, reason: str,
                 adopted_on: dt.date) -> Catalogue:
    """A new version: the catalogue in force with one criterion changed (`replaces` its id) or added."""
    session.authorize(Permission.CRITERIA_ADOPT, object_id="criteria")
    with session.vault.transaction() as conn:
        current = in_force(conn)
    if replaces is not None:
        current.criterion(replaces)  # refuses an id not in the catalogue
        criteria = tuple(criterion if c.id == replaces else c for c in current.criteria)
    else:
        criteria = (*current.criteria, criterion)
    try:
        edited = Catalogue(**{**current.model_dump(), "version": version, "criteria": criteria})
    except ValidationError:
        raise DomainError("criteria.invalid_edit") from None
    return adopt_catalogue(session, edited, reason=reason, adopted_on=adopted_on)


def _read_file(path: str | os.PathLike) -> str:
    target = Path(path).expanduser()
    try:
        return read_bounded(target, MAX_CATALOGUE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise DomainError("file.missing", path=target) from None
    except TooLarge:
        raise DomainError("criteria.file_too_large", path=target, kilobytes=MAX_CATALOGUE_BYTES // 1024) from None
    except (OSError, UnicodeDecodeError):
        raise DomainError("file.not_text", path=target) from None


def _catalogue_from(text: str) -> Catalogue:
    try:
        return parse_catalogue(text)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "catalogus"
        raise DomainError("criteria.invalid_field", field=where) from None
    except ValueError:  # json.JSONDecodeError
        raise DomainError("criteria.not_json") from None
    except RecursionError:
        raise DomainError("criteria.not_json") from None
