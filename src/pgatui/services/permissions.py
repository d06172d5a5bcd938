"""What the signed-in user may do: the actions the TUI offers (pgatui.domain.access decides).

Screens never check roles: they ask `allowed_actions` once after unlock and offer only those
actions (each service still authorises every call, with its context).
"""

from __future__ import annotations

from pgatui.domain.access import Permission, possible
from pgatui.services.session import Session


def allowed_actions(session: Session) -> frozenset[Permission]:
    """The permissions the user's role holds in some context (no audit event: nothing is read)."""
    return possible(session.user.role)
