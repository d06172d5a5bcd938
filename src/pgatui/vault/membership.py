"""Who holds which municipality compartment, and bringing the keyring in line with it.

A municipality's compartment `gemeente:<id>` is held by the live gemeente users of that
municipality and the politie and OM users whose `municipalities` list it (or is None: all); a
partner organisation's `partner:<id>` by its live partner users.
`sync` runs at every unlock and after the beheerder adds a user or a municipality:

- a compartment that does not exist yet but has members to be is created, sealed for them (the
  creating process knows the key only while it runs; the compartment is empty then);
- a member-to-be without a box gets the key sealed by a process that holds it: a member's next
  unlock ("confirm", as Bitwarden organisations do). Until then the newcomer sees the case
  list's plain columns and "afgeschermd" where content would be.

Leaving (disabling, a municipality taken away) is `compartments.remove_from_all` /
`remove_member`: a new generation, re-sealed by the next member (vault/rekey.py).
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping

from pgatui.domain.roles import Role
from pgatui.vault import compartments
from pgatui.vault.compartments import KeyChain

SCOPED_ROLES = (Role.POLITIE.value, Role.OM.value)


def belongs(slot: dict, municipality_id: int) -> bool:
    """Whether the slot's account should hold the compartment of that municipality."""
    if not compartments._can_hold_keys(slot):
        return False
    seen = slot.get("municipalities", [])
    if slot["role"] == Role.GEMEENTE.value:
        return municipality_id in (seen or [])
    if slot["role"] in SCOPED_ROLES:
        return seen is None or municipality_id in seen
    return False


def belongs_to_partner(slot: dict, organisation_id: int) -> bool:
    """Whether the slot's account should hold `partner:<organisation_id>`: the live partner users
    of that organisation (what was shared with it is re-sealed there)."""
    return (compartments._can_hold_keys(slot) and slot["role"] == Role.PARTNER.value
            and slot.get("organisation_id") == organisation_id)


def _wanted(ring: dict, municipality_ids: Iterable[int]) -> list[tuple[str, list[dict]]]:
    """(compartment, members-to-be) of every municipality and every partner organisation with users."""
    slots = ring["slots"]
    found = [(f"gemeente:{m}", [s for s in slots if belongs(s, m)]) for m in sorted(set(municipality_ids))]
    partners = sorted({s["organisation_id"] for s in slots
                       if s["role"] == Role.PARTNER.value and isinstance(s.get("organisation_id"), int)})
    return found + [(f"partner:{o}", [s for s in slots if belongs_to_partner(s, o)]) for o in partners]


def should_hold(slot: dict, compartment: str) -> bool:
    """Whether the slot's account (as it is now) belongs in `compartment`."""
    kind, _, number = compartment.partition(":")
    if kind == "gemeente":
        return belongs(slot, int(number))
    return kind == "partner" and belongs_to_partner(slot, int(number))


def leave_lost(ring: dict, login: str) -> list[str]:
    """After an account's role, organisation or municipalities changed: it leaves every
    compartment it no longer belongs in, each getting a new generation for the remaining
    members (re-sealed by their next session, as after a disabling). Returns those compartments."""
    slot = next(s for s in ring["slots"] if s["login"] == login)
    lost = sorted(c for c in slot.get("compartments", {}) if not should_hold(slot, c))
    for compartment in lost:
        compartments.remove_member(ring, compartment, login)
    return lost


def _has_current(ring: dict, slot: dict, compartment: str) -> bool:
    current = compartments.current_generation(ring, compartment)
    return str(current) in slot.get("compartments", {}).get(compartment, {})


def sync(ring: dict, municipality_ids: Iterable[int], known: MutableMapping[str, KeyChain]) -> list[tuple[str, str]]:
    """Create the missing compartments and seal the keys in `known` for members-to-be that lack
    them; new keys are added to `known`. Returns the changes as (audit action, object id)."""
    changes = []
    for compartment, wanted in _wanted(ring, municipality_ids):
        if not wanted:
            continue
        if compartment not in ring.get("compartments", {}):
            key = compartments.create_compartment(ring, compartment, wanted)
            known[compartment] = KeyChain(compartment, {1: key})
            changes.append(("compartment.create", f"compartment:{compartment}"))
            continue
        chain = known.get(compartment)
        if chain is None or chain.current.generation != compartments.current_generation(ring, compartment):
            continue
        for slot in wanted:
            if not _has_current(ring, slot, compartment):
                compartments.add_member(ring, slot, chain)
                changes.append(("compartment.member.add", f"user:{slot['login']}"))
    return changes


def ensure(ring: dict, municipality_ids: Iterable[int], known: MutableMapping[str, KeyChain]) -> list[tuple[str, str]]:
    """`sync`, and a compartment for every municipality without one even when it has no
    members yet (the seed writes synthetic cases into it; members added later in the same
    process get the key, see OpenVault.writing_synthetic)."""
    changes = sync(ring, municipality_ids, known)
    for municipality_id in sorted(set(municipality_ids)):
        compartment = f"gemeente:{municipality_id}"
        if compartment not in ring.get("compartments", {}):
            key = compartments.create_compartment(ring, compartment, [])
            known[compartment] = KeyChain(compartment, {1: key})
            changes.append(("compartment.create", f"compartment:{compartment}"))
    return changes


def held_by(ring: dict, login: str, known: dict[str, KeyChain]) -> dict[str, KeyChain]:
    """The chains of `known` the login's slot holds a box of (what its session may use)."""
    slot = next((s for s in ring["slots"] if s["login"] == login), None)
    if slot is None:
        return {}
    return {c: chain for c, chain in known.items() if c in slot.get("compartments", {})}
