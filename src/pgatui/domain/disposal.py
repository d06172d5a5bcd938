"""The two ways a signal leaves `signaal` without a joint weighing (issue 11, item 1).

A case in `signaal` (or in a weighing not yet concluded) closes without the joint weighing only
when it duplicates another open case, whose file then receives its signals, or when it was
entered in error. Either needs a second core partner, another person than the one who asks,
confirming with their own password; the proof (case numbers, kind, who, who confirmed, when)
stays for the FG. Everything else closes a signal through the weighing.
"""

from __future__ import annotations

from pgatui.domain.enums import DisposalKind, Phase
from pgatui.domain.models import Case
from pgatui.domain.roles import CORE_PARTNERS, Role
from pgatui.errors import AccessDenied, DomainError

# Before a joint weighing has concluded anything: after that, the weighing's outcome decides.
DISPOSABLE_PHASES = frozenset({Phase.SIGNAAL, Phase.WEGING})


def disposal_problem(kind: DisposalKind, case: Case, original: Case | None = None) -> DomainError | None:
    """Why `case` may not be disposed of as `kind` (the error to raise), or None when it may."""
    if case.phase not in DISPOSABLE_PHASES:
        return DomainError("disposal.phase", phase=case.phase)
    if kind is DisposalKind.VERGISSING:
        return None if original is None else DomainError("disposal.error_has_no_original")
    if original is None:
        return DomainError("disposal.choose_original")
    if original.id == case.id:
        return DomainError("disposal.self_duplicate")
    if not original.is_open:
        return DomainError("disposal.original_closed", number=original.number)
    return None


def check_disposal(kind: DisposalKind, case: Case, original: Case | None = None) -> None:
    problem = disposal_problem(kind, case, original)
    if problem:
        raise problem


def check_disposal_confirmer(first: str, second: str, second_role: Role) -> None:
    """The second confirmation comes from another person who is a core partner."""
    if first.strip().lower() == second.strip().lower():
        raise AccessDenied("access.second_confirmer_same")
    if second_role not in CORE_PARTNERS:
        raise AccessDenied("access.second_confirmer_core")


def closure_reason(kind: DisposalKind, original: Case | None = None) -> str:
    """The closure reason the disposed case keeps (no personal data: a case number at most)."""
    if kind is DisposalKind.DUPLICAAT:
        return f"Dubbel van casus {original.number}: de signalen zijn daarheen verplaatst."
    return "Ten onrechte ingevoerd (vergissing), bevestigd door een tweede kernpartner."
