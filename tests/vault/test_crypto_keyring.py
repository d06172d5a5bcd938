"""Sealing, the password KDF, and the keyring: MAC, shape, atomic owner-only writes."""

from __future__ import annotations

import json
import stat

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.errors import AuthenticationFailed, VaultDamaged
from pgatui.vault import crypto, keyring, open_vault


def test_seal_opens_only_for_the_matching_private_key_and_context():
    private, public = crypto.new_keypair()
    other_private, _ = crypto.new_keypair()
    secret = crypto.random_key()
    box = crypto.seal(secret, public, b"ctx")
    assert crypto.unseal(box, private, b"ctx") == secret
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(box, other_private, b"ctx")
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(box, private, b"another slot")
    tampered = dict(box, ct=crypto.b64(bytes(len(crypto.unb64(box["ct"])))))
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(tampered, private, b"ctx")


def test_password_key_depends_on_password_salt_and_parameters():
    fast = crypto.FAST_KDF_FOR_TESTS
    base = crypto.password_key("een-lang-wachtwoord", b"s" * 16, fast)
    assert base == crypto.password_key("een-lang-wachtwoord", b"s" * 16, fast) and len(base) == 32
    assert base != crypto.password_key("een-lang-wachtwoord", b"t" * 16, fast)
    assert base != crypto.password_key("een-lang-wachtwoorD", b"s" * 16, fast)
    assert base != crypto.password_key("een-lang-wachtwoord", b"s" * 16, crypto.KdfParams(2, 8, 1))


def test_production_parameters_are_strong_and_tests_opt_out_explicitly():
    strong = crypto.STRONG_KDF
    assert strong.memory_kib >= 64 * 1024 and strong.time_cost >= 3
    assert crypto.kdf_for_new_slots() == crypto.FAST_KDF_FOR_TESTS  # the conftest fixture's doing


def test_slots_store_their_own_parameters(vault_path):
    ring = json.loads((vault_path / "keyring.json").read_text())
    slot = keyring.find_slot(ring, ADMIN)
    assert {"salt", "time_cost", "memory_kib", "parallelism"} <= set(slot["kdf"])
    assert [s["kind"] for s in ring["slots"]] == ["user", "recovery"]


def test_keyring_is_written_atomically_and_owner_only(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        vault.add_user("piet", "politie", "Politie")
    assert stat.S_IMODE((vault_path / "keyring.json").stat().st_mode) == 0o600
    assert not list(vault_path.glob(".*.tmp"))


def _edit(vault_path, change) -> None:
    ring = json.loads((vault_path / "keyring.json").read_text())
    change(ring)
    (vault_path / "keyring.json").write_text(json.dumps(ring))


@pytest.mark.parametrize("change", [
    lambda r: r["slots"][0].update(role="toezicht"),
    lambda r: r["slots"][0].update(organisation="Elders"),
    lambda r: r.update(audit_head={"seq": 1, "hash": "00" * 32}),
    lambda r: r["slots"][1].update(disabled=True),
    lambda r: r.update(generation=1, demo=True),
], ids=["role", "organisation", "audit-head", "other-slot", "demo-flag"])
def test_any_edit_breaks_the_mac(vault_path, change):
    _edit(vault_path, change)
    with pytest.raises(VaultDamaged):
        open_vault(vault_path, ADMIN, ADMIN_PW)


def test_a_swapped_public_key_is_damage(vault_path):
    _, public = crypto.new_keypair()
    _edit(vault_path, lambda r: r["slots"][0].update(public_key=crypto.b64(public)))
    with pytest.raises(VaultDamaged):
        open_vault(vault_path, ADMIN, ADMIN_PW)


def test_a_broken_sealed_key_is_damage_not_a_wrong_password(vault_path):
    def break_box(ring):
        box = ring["slots"][0]["sealed"]["1"]
        box["ct"] = crypto.b64(b"\0" * len(crypto.unb64(box["ct"])))

    _edit(vault_path, break_box)
    with pytest.raises(VaultDamaged):
        open_vault(vault_path, ADMIN, ADMIN_PW)


@pytest.mark.parametrize("change", [
    lambda r: r["slots"][0].pop("kdf"),
    lambda r: r["slots"][0]["kdf"].update(memory_kib=2**40),
    lambda r: r["slots"][0].update(kind="admin"),
    lambda r: r.update(slots={}),
    lambda r: r.update(generation="1"),
    lambda r: r.update(rotation={"from": 1}),
], ids=["no-kdf", "absurd-memory", "kind", "slots", "generation", "rotation"])
def test_a_keyring_of_the_wrong_shape_is_damage(vault_path, change):
    _edit(vault_path, change)
    with pytest.raises(VaultDamaged):
        keyring.load(vault_path)


def test_unknown_login_costs_the_vaults_own_argon2_time(vault_path, monkeypatch):
    calls = []
    real = crypto.password_key
    monkeypatch.setattr(crypto, "password_key", lambda pw, salt, params: calls.append(params) or real(pw, salt, params))
    for login in (ADMIN, "niemand"):
        with pytest.raises(AuthenticationFailed):
            open_vault(vault_path, login, "verkeerd-wachtwoord")
    assert len(calls) == 2 and calls[0] == calls[1]
