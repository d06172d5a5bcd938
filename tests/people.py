"""Users, signals and raw scans shared by the service tests (tests/ is on sys.path)."""

from __future__ import annotations

import datetime as dt

from helpers import ADMIN, ADMIN_PW
from pgatui.domain.models import Ideology, SignalInput, SourceKind, Urgency
from pgatui.vault import change_password, open_vault


def password_of(role: str) -> str:
    return f"wachtzin-voor-{role}-x"


def user(vault_path, login, role, organisation, password=None, *, admin=None):
    """Add a user (as the administrator, or through `admin`, an administrator's open vault), set
    its password, and return its open vault."""
    password = password or password_of(role)
    if admin is not None:
        one_time = admin.add_user(login, role, organisation)
    else:
        with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
            one_time = vault.add_user(login, role, organisation)
    change_password(vault_path, login, one_time, password)
    return open_vault(vault_path, login, password)


def confirm_keys(*sessions) -> None:
    """What the members' next actions do: seal their compartment keys for colleagues added
    after them, and let everyone pick up what was sealed for them (vault/membership.py)."""
    for _ in range(2):
        for session in sessions:
            with session.vault.transaction():
                pass


def signal(**overrides):
    values = dict(received_on=dt.date(2020, 1, 6), received_by="Gemeente Test", source_kind=SourceKind.ONDERWIJS,
                  observed_facts="Deelt haatzaaiende filmpjes in de klasgroep", interpretation="",
                  ideology=Ideology.RECHTS, urgency=Urgency.NORMAAL)
    return SignalInput(**{**values, **overrides})


def close_after_pga(session, case_id: int, reason: str = "afgerond"):
    """Close a case as if it had been taken into the PGA and closed after its monitoring, today.

    A signal is closed only through a joint weighing (issue 11); tests about what happens to
    closed files (retention, destruction) stand the process in with this, written straight
    into the vault, so they need no weighing team."""
    from pgatui import clock
    from pgatui.domain.models import Phase, WeighingOutcome
    from pgatui.vault import cases as cases_repo

    today = clock.today()
    with session.vault.transaction() as conn:
        cases_repo.update_case(conn, case_id, phase=Phase.AFGESLOTEN.value, closed_on=today, closure_reason=reason,
                               last_outcome=WeighingOutcome.OPNEMEN.value, last_substantive_on=today)
        return cases_repo.get_case(conn, case_id)


def audit_actions(session):
    return [r[0] for r in session.vault.conn.execute("SELECT action || ':' || result FROM audit_log")]


def plaintext_copy(session, tmp_path) -> bytes:
    """The whole database decrypted into a file, as bytes: for raw scans after destruction."""
    target = tmp_path / "plain.db"
    conn = session.vault.conn
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    return target.read_bytes()


def register_organisation(vault_path, name, kind="overig"):
    """Add an organisation to the vault's register (as the administrator): invitations pick from it."""
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        return vault.add_organisation(name, kind)
