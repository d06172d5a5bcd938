"""The register of organisations (issue 11): list, add, rename. Access refers to register ids,
so a rename changes nobody's access. The CLI reaches the register only through here."""

from __future__ import annotations

from pgatui.services.session import Session


def list_organisations(session: Session) -> list:
    return session.vault.list_organisations()


def add_organisation(session: Session, name: str, kind) -> int:
    """A new organisation of `kind` (administrators); returns its id."""
    return session.vault.add_organisation(name, kind)


def rename_organisation(session: Session, organisation: str | int, new_name: str) -> None:
    session.vault.rename_organisation(organisation, new_name)
