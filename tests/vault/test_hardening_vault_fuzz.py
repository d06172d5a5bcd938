"""Issue 17: the readers of files an attacker or a careless user can change give a clear error or
succeed, never a traceback: keyring.json, pending.json, policy files, the catalogue, backups.
Afterwards the vault still verifies."""

from __future__ import annotations

import io
import json
import shutil
import tarfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import ADMIN, ADMIN_PW
from pgatui.domain.criteria import CatalogueFile
from pgatui.errors import PgaError
from pgatui.services.retention import _parsed_policy
from pgatui.vault import crypto, create_vault, open_vault, restore_backup, throttle, witness

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12)


@pytest.fixture(scope="module")
def fuzz_vault(tmp_path_factory):
    crypto.use_kdf_for_new_slots(crypto.FAST_KDF_FOR_TESTS)
    path = tmp_path_factory.mktemp("fuzz") / "f.pgavault"
    create_vault(path, ADMIN, ADMIN_PW, "Gemeente Fuzz")
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        vault.backup(path.parent / "f.pgabackup")
    return path


def _open_and_close(path) -> bool:
    """Whether the vault opened (a clear error is the other allowed outcome)."""
    try:
        open_vault(path, ADMIN, ADMIN_PW).close()
    except PgaError:
        return False
    return True


def _forget_pending(path) -> None:
    """Drop pending.json with the fuzzed failures and their delays. This workstation's witness
    would rightly miss the events it queued (a deleted pending.json is damage), so it forgets them too."""
    vault_id = json.loads((path / "keyring.json").read_text(encoding="utf-8"))["vault_id"]
    witness.forget_pending(vault_id, list(witness.load(vault_id).get("pending") or {}))
    (path / throttle.PENDING).unlink(missing_ok=True)


def _assert_still_verifies(path) -> None:
    _forget_pending(path)
    with open_vault(path, ADMIN, ADMIN_PW) as vault:
        assert vault.verify().ok


def _edit(ring: dict, path: list, value):
    node = ring
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return ring


def _paths(value, prefix=()):
    yield list(prefix)
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))


@FUZZ
@given(data=st.data())
def test_keyring_reader(fuzz_vault, data):
    original = (fuzz_vault / "keyring.json").read_bytes()
    ring = json.loads(original)
    opened = False
    try:
        if data.draw(st.booleans()):
            where = data.draw(st.sampled_from([p for p in _paths(ring) if p]))
            text = json.dumps(_edit(ring, where, data.draw(json_values))).encode()
        else:
            text = data.draw(st.binary(max_size=300))
        (fuzz_vault / "keyring.json").write_bytes(text)
        opened = _open_and_close(fuzz_vault)
    finally:
        # An edit that still opened (a value replaced by itself) moved the vault on: putting the older
        # keyring back would be a rollback, which the witnessed audit rightly refuses.
        if not opened:
            (fuzz_vault / "keyring.json").write_bytes(original)
        _forget_pending(fuzz_vault)
    _assert_still_verifies(fuzz_vault)


@FUZZ
@example(content=b'{"failures": {"anna": {"count": 5, "last": Infinity}}}')
@example(content=b'{"failures": {"anna": {"count": 1e308, "last": 0}}}')
@example(content=b'{"failures": {"anna": {"count": 5, "last": -Infinity}}}')
@given(content=st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                         st.lists(json_values, max_size=4).map(lambda e: json.dumps({"events": e}).encode()),
                         json_values.map(lambda f: json.dumps({"failures": {ADMIN: f}}).encode())))
def test_pending_events_reader(fuzz_vault, content):
    (fuzz_vault / throttle.PENDING).write_bytes(content)
    _open_and_close(fuzz_vault)
    _assert_still_verifies(fuzz_vault)


@FUZZ
@given(text=st.one_of(st.text(max_size=200), json_values.map(json.dumps), st.just("[" * 50_000 + "]" * 50_000)))
def test_policy_reader(text):
    try:
        _parsed_policy(text)
    except PgaError:
        pass


@FUZZ
@given(text=st.one_of(st.text(max_size=200), json_values.map(json.dumps), st.just("[" * 50_000 + "]" * 50_000)))
def test_catalogue_reader(text):
    try:
        CatalogueFile.model_validate_json(text)
    except ValueError:  # pydantic's ValidationError: the clear error of the domain
        pass


@FUZZ
@given(data=st.data())
def test_backup_reader(fuzz_vault, tmp_path_factory, data):
    good = (fuzz_vault.parent / "f.pgabackup").read_bytes()
    kind = data.draw(st.sampled_from(["flip", "truncate", "members"]))
    if kind == "flip":
        crafted = bytearray(good)
        for offset in data.draw(st.lists(st.integers(0, len(good) - 1), min_size=1, max_size=8)):
            crafted[offset] ^= data.draw(st.integers(1, 255))
    elif kind == "truncate":
        crafted = good[:data.draw(st.integers(0, len(good) - 1))]
    else:
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w") as tar:
            for name in data.draw(st.lists(st.sampled_from(["manifest.json", "keyring.json", "data.db", "x"]),
                                           max_size=4)):
                blob = data.draw(st.binary(max_size=200))
                info = tarfile.TarInfo(name)
                info.size = len(blob)
                tar.addfile(info, io.BytesIO(blob))
        crafted = out.getvalue()
    folder = tmp_path_factory.mktemp("terug")
    (folder / "b.pgabackup").write_bytes(bytes(crafted))
    try:
        restore_backup(folder / "b.pgabackup", folder / "r.pgavault", ADMIN, ADMIN_PW)
    except PgaError:
        assert not (folder / "r.pgavault").exists()
    else:
        _assert_still_verifies(folder / "r.pgavault")
    shutil.rmtree(folder)
