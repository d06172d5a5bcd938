"""Compartment keys in keyring.json: sealed per member, generations, removal re-keys, MAC-covered."""

from __future__ import annotations

import copy
import json

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import PgaError, UsageError, VaultDamaged
from pgatui.vault import compartments as comp
from pgatui.vault import crypto, keyring, open_vault

A, B = "gemeente:1", "gemeente:2"
PARTNER = "partner:7"


def _ring() -> dict:
    ring = {"format": 1, "vault_id": "test-vault", "demo": False, "generation": 1, "rotation": None,
            "audit_head": {"seq": 0, "hash": "0"}, "slots": []}
    data_key = crypto.random_key()
    for login, role in (("beheer", "beheerder"), ("fg", "toezicht"), ("gea", "gemeente"), ("geb", "gemeente"),
                        ("pol", "politie"), ("rec", "partner")):
        ring["slots"].append(keyring.new_slot(ring, login, f"pw-{login}", kind="user", role=role,
                                              organisation="Org", must_change_password=False,
                                              data_keys={1: data_key}))
    ring["slots"].append(keyring.new_slot(ring, keyring.RECOVERY_LOGIN, "pw-herstel", kind="recovery",
                                          role="beheerder", organisation="Org", must_change_password=False,
                                          data_keys={1: data_key}))
    return ring


@pytest.fixture(scope="module")
def base_ring():
    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)  # module fixtures run before the autouse one
    return _ring()


@pytest.fixture
def ring(base_ring):
    return copy.deepcopy(base_ring)


def _slot(ring, login):
    return keyring.find_slot(ring, login)


def _keys(ring, login) -> comp.CompartmentKeys:
    slot = _slot(ring, login)
    unlocked = keyring.unlock_slot(ring, slot, f"pw-{login}")
    return comp.unlock_compartments(ring, slot, unlocked.private_key)


def test_ids_name_a_kind_and_an_organisation():
    assert comp.compartment_id("gemeente", 12) == "gemeente:12"
    assert comp.parse_compartment_id("partner:7") == ("partner", 7)
    for bad in ("gemeente:0", "gemeente:x", "politie:3", "gemeente:1 ", "", None):
        with pytest.raises(UsageError):
            comp.parse_compartment_id(bad)
    with pytest.raises(UsageError):
        comp.compartment_id("politie", 3)


def test_members_unlock_the_key_and_others_hold_none(ring):
    created = comp.create_compartment(ring, A, [_slot(ring, "gea"), _slot(ring, "pol")])
    assert comp.members(ring, A) == ["gea", "pol"]
    for login in ("gea", "pol"):
        keys = _keys(ring, login)
        assert keys.ids() == [A]
        assert keys.chain(A).current.secret == created.secret and keys.chain(A).current.generation == 1
    for login in ("geb", "rec", "beheer", "fg"):
        assert len(_keys(ring, login)) == 0
        with pytest.raises(PgaError):
            _keys(ring, login).chain(A)


@pytest.mark.parametrize("login", ["beheer", "fg", keyring.RECOVERY_LOGIN])
def test_beheerder_toezicht_and_recovery_slot_cannot_become_members(ring, login):
    with pytest.raises(PgaError):
        comp.create_compartment(ring, A, [_slot(ring, login)])
    comp.create_compartment(ring, B, [_slot(ring, "gea")])
    with pytest.raises(PgaError):
        comp.add_member(ring, _slot(ring, login), _keys(ring, "gea").chain(B))


def test_a_disabled_account_cannot_become_a_member(ring):
    _slot(ring, "geb")["disabled"] = True
    with pytest.raises(PgaError):
        comp.create_compartment(ring, A, [_slot(ring, "geb")])


def test_a_slot_without_content_role_that_carries_boxes_is_damage(ring):
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    _slot(ring, "beheer")["compartments"] = copy.deepcopy(_slot(ring, "gea")["compartments"])
    with pytest.raises(VaultDamaged):
        _keys(ring, "beheer")


def test_adding_a_member_needs_the_current_key_and_gives_it(ring):
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    comp.add_member(ring, _slot(ring, "geb"), _keys(ring, "gea").chain(A))
    assert comp.members(ring, A) == ["gea", "geb"]
    assert _keys(ring, "geb").chain(A).current.secret == _keys(ring, "gea").chain(A).current.secret
    # a chain of another compartment, or one missing the live generation, cannot add anyone
    stale = comp.KeyChain(A, {})
    with pytest.raises(PgaError):
        comp.add_member(ring, _slot(ring, "rec"), stale)
    forged = comp.KeyChain(A, {1: comp.CompartmentKey(A, 1, crypto.random_key())})
    with pytest.raises(VaultDamaged):  # a key that is not the compartment's is never handed out
        comp.add_member(ring, _slot(ring, "rec"), forged)
    assert A not in _slot(ring, "rec").get("compartments", {})


def test_removal_rekeys_and_the_removed_member_cannot_open_the_new_generation(ring):
    comp.create_compartment(ring, A, [_slot(ring, "gea"), _slot(ring, "geb"), _slot(ring, "pol")])
    removed_keys = _keys(ring, "geb")
    new_generation = comp.remove_member(ring, A, "geb")
    assert new_generation == 2 and comp.current_generation(ring, A) == 2
    assert comp.retiring_generations(ring, A) == [1]
    assert comp.members(ring, A) == ["gea", "pol"]
    assert A not in _keys(ring, "geb")
    gea = _keys(ring, "gea").chain(A)
    assert sorted(gea.keys) == [1, 2] and gea.current.generation == 2
    assert gea.current.secret != removed_keys.chain(A).current.secret
    assert _keys(ring, "pol").chain(A).current.secret == gea.current.secret
    # the removed member's old private key cannot open any box of the new generation
    geb_private = keyring.unlock_slot(ring, _slot(ring, "geb"), "pw-geb").private_key
    for login in ("gea", "pol"):
        box = _slot(ring, login)["compartments"][A]["2"]
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(box, geb_private, f"pgatui|{ring['vault_id']}|compartment|{A}|gen2|geb".encode())
    comp.finish_rekey(ring, A)
    assert comp.retiring_generations(ring, A) == []
    assert sorted(_keys(ring, "gea").chain(A).keys) == [2]


def test_a_member_added_during_a_rekey_gets_old_and_new_generation(ring):
    comp.create_compartment(ring, A, [_slot(ring, "gea"), _slot(ring, "geb")])
    comp.remove_member(ring, A, "geb")
    comp.add_member(ring, _slot(ring, "pol"), _keys(ring, "gea").chain(A))
    assert sorted(_keys(ring, "pol").chain(A).keys) == [1, 2]


def test_remove_from_all_leaves_every_compartment(ring):
    comp.create_compartment(ring, A, [_slot(ring, "gea"), _slot(ring, "pol")])
    comp.create_compartment(ring, B, [_slot(ring, "geb"), _slot(ring, "pol")])
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec")])
    assert comp.remove_from_all(ring, "pol") == [A, B]
    assert len(_keys(ring, "pol")) == 0
    assert comp.current_generation(ring, PARTNER) == 1
    with pytest.raises(PgaError):
        comp.remove_member(ring, A, "pol")


def test_a_box_moved_to_another_slot_compartment_or_generation_does_not_open(ring):
    """An insider with the data key can rewrite the keyring and its MAC; the associated data
    still stops every box from opening anywhere but where it was sealed."""
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    comp.create_compartment(ring, B, [_slot(ring, "geb"), _slot(ring, "gea")])
    moved = copy.deepcopy(ring)
    _slot(moved, "gea")["compartments"][B]["1"] = _slot(moved, "gea")["compartments"][A]["1"]
    with pytest.raises(VaultDamaged):
        _keys(moved, "gea")
    regenerated = copy.deepcopy(ring)
    entry = regenerated["compartments"][A]
    entry.update(generation=2, retiring=[1], public_keys={**entry["public_keys"], "2": entry["public_keys"]["1"]})
    _slot(regenerated, "gea")["compartments"][A]["2"] = _slot(regenerated, "gea")["compartments"][A]["1"]
    with pytest.raises(VaultDamaged):
        _keys(regenerated, "gea")


@pytest.mark.parametrize("edit", [
    lambda r: r.__setitem__("compartments", []),
    lambda r: r["compartments"][A].__setitem__("generation", "1"),
    lambda r: r["compartments"][A].__setitem__("retiring", [1]),
    lambda r: r["compartments"].__setitem__("gemeente:x", {"generation": 1, "retiring": []}),
    lambda r: keyring.find_slot(r, "gea")["compartments"][A].__setitem__("5", {}),
    lambda r: keyring.find_slot(r, "gea")["compartments"].__setitem__(B, {"1": {}}),
])
def test_an_odd_shape_is_damage_not_a_crash(ring, edit):
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    edit(ring)
    with pytest.raises(VaultDamaged):
        _keys(ring, "gea")


def test_compartment_fields_are_covered_by_the_keyring_mac(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_user("gea", "gemeente", "Gemeente A")
        data_key = bytes(vault._data_key)  # close() wipes the original
    with keyring.locked(vault_path):
        ring = keyring.load(vault_path)
        keyring.verify_mac(ring, data_key)
        comp.create_compartment(ring, A, [keyring.find_slot(ring, "gea")])
        keyring.save(vault_path, ring, data_key)
    ring = keyring.load(vault_path)
    keyring.verify_mac(ring, data_key)  # saved and re-read: still verifies
    assert comp.members(ring, A) == ["gea"]
    for edit in (lambda r: r["compartments"][A].__setitem__("generation", 2),
                 lambda r: keyring.find_slot(r, "gea")["compartments"].pop(A),
                 lambda r: keyring.find_slot(r, ADMIN).setdefault("compartments", {}).update(
                     copy.deepcopy(keyring.find_slot(r, "gea")["compartments"]))):
        tampered = json.loads((vault_path / "keyring.json").read_text())
        edit(tampered)
        with pytest.raises(VaultDamaged):
            keyring.verify_mac(tampered, data_key)


def test_subkeys_differ_per_purpose_compartment_and_generation():
    secret = crypto.random_key()
    one = comp.CompartmentKey(A, 1, secret)
    assert one.subkey("field") == comp.CompartmentKey(A, 1, secret).subkey("field")
    assert len({one.subkey("field"), one.subkey("search"), comp.CompartmentKey(B, 1, secret).subkey("field"),
                comp.CompartmentKey(A, 2, secret).subkey("field")}) == 4
    assert secret.hex() not in repr(one)


def test_a_non_member_can_seal_into_a_compartment_and_only_members_open_it(ring):
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec")])
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    secret = crypto.random_key()
    box = comp.seal_to_compartment(ring, PARTNER, secret, b"shared_copies|value|12")  # gea is no member
    partner = _keys(ring, "rec").chain(PARTNER)
    assert comp.open_from_drop_box(partner, box, b"shared_copies|value|12") == secret
    with pytest.raises(crypto.DecryptionFailed):
        comp.open_from_drop_box(partner, box, b"shared_copies|value|13")
    with pytest.raises(crypto.DecryptionFailed):
        comp.open_from_drop_box(comp.KeyChain(PARTNER, {1: _keys(ring, "gea").chain(A).current}), box,
                                b"shared_copies|value|12")
    with pytest.raises(PgaError):
        comp.seal_to_compartment(ring, "partner:99", secret, b"x")


def test_after_a_rekey_sealing_into_the_compartment_uses_the_new_generation(ring):
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec"), _slot(ring, "pol")])
    comp.remove_member(ring, PARTNER, "pol")
    box = comp.seal_to_compartment(ring, PARTNER, b"k" * 32, b"ctx")
    assert box["gen"] == 2
    assert comp.open_from_drop_box(_keys(ring, "rec").chain(PARTNER), box, b"ctx") == b"k" * 32
    comp.finish_rekey(ring, PARTNER)
    assert set(ring["compartments"][PARTNER]["public_keys"]) == {"2"}
    assert _keys(ring, "rec").chain(PARTNER).current.generation == 2


def test_a_swapped_compartment_public_key_is_damage_at_the_next_member_unlock(ring):
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec")])
    _, insider_public = crypto.new_keypair()
    ring["compartments"][PARTNER]["public_keys"]["1"] = crypto.b64(insider_public)
    with pytest.raises(VaultDamaged):
        _keys(ring, "rec")


def test_the_fields_survive_a_password_change_and_a_rotation_of_the_data_key(vault_path):
    """The existing keyring writers (password change, rotation) keep the compartment fields, so
    the machinery can be wired in without touching them; a password change keeps the keys."""
    from pgatui.vault import change_password

    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente A")
        data_key = bytes(vault._data_key)  # close() wipes the original
    with keyring.locked(vault_path):
        ring = keyring.load(vault_path)
        created = comp.create_compartment(ring, A, [keyring.find_slot(ring, "gea")])
        keyring.save(vault_path, ring, data_key)
    change_password(vault_path, "gea", one_time, "een-nieuwe-wachtzin-1")
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.rotate_key()
    with open_vault(vault_path, "gea", "een-nieuwe-wachtzin-1") as vault:
        ring = keyring.load(vault_path)
        keyring.verify_mac(ring, vault._data_key)
    slot = keyring.find_slot(ring, "gea")
    unlocked = keyring.unlock_slot(ring, slot, "een-nieuwe-wachtzin-1")
    assert comp.unlock_compartments(ring, slot, unlocked.private_key).chain(A).current.secret == created.secret


def test_the_bulk_drop_box_seals_many_values_with_one_transfer_key_that_only_members_open(ring):
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec")])
    comp.create_compartment(ring, A, [_slot(ring, "gea")])
    writer = comp.BulkWriter()
    first = writer.seal(ring, PARTNER, b"Zwaantje", b"persons|name|12")
    second = writer.seal(ring, PARTNER, b"Zwaantje", b"persons|name|13")
    assert first[:comp.BULK_HEADER] == second[:comp.BULK_HEADER] and first != second  # one box, fresh nonces
    assert comp.BulkWriter().seal(ring, PARTNER, b"x", b"c")[:comp.BULK_HEADER] != first[:comp.BULK_HEADER]
    partner = _keys(ring, "rec").chain(PARTNER)
    assert comp.open_bulk(partner, first, b"persons|name|12") == b"Zwaantje"
    assert comp.open_bulk(partner, second, b"persons|name|13") == b"Zwaantje"
    wrong_member = comp.KeyChain(PARTNER, {1: _keys(ring, "gea").chain(A).current})
    other_header = comp.BulkWriter().seal(ring, PARTNER, b"x", b"c")[:comp.BULK_HEADER]
    for chain, blob, context in ((partner, first, b"persons|name|13"),  # moved to another row
                                 (wrong_member, first, b"persons|name|12"),  # not a member
                                 (partner, other_header + first[comp.BULK_HEADER:], b"persons|name|12"),
                                 (partner, first[:-1] + bytes([first[-1] ^ 1]), b"persons|name|12"),
                                 (partner, first[:40], b"persons|name|12")):
        with pytest.raises(crypto.DecryptionFailed):
            comp.open_bulk(chain, blob, context)


def test_the_bulk_drop_box_follows_a_new_generation(ring):
    comp.create_compartment(ring, PARTNER, [_slot(ring, "rec"), _slot(ring, "pol")])
    writer = comp.BulkWriter()
    old = writer.seal(ring, PARTNER, b"voor", b"ctx")
    comp.remove_member(ring, PARTNER, "pol")
    new = writer.seal(ring, PARTNER, b"na", b"ctx")
    assert old[:comp.BULK_HEADER] != new[:comp.BULK_HEADER] and new[1:5] == (2).to_bytes(4, "big")
    rec = _keys(ring, "rec").chain(PARTNER)
    assert (comp.open_bulk(rec, old, b"ctx"), comp.open_bulk(rec, new, b"ctx")) == (b"voor", b"na")
    comp.finish_rekey(ring, PARTNER)
    with pytest.raises(crypto.DecryptionFailed):
        comp.open_bulk(_keys(ring, "rec").chain(PARTNER), old, b"ctx")  # the old generation is gone
