"""Signed checkpoints of the audit chain (`pgatui verify --checkpoint FILE`).

The FG (toezicht) keeps them apart from the vault, e.g. on another system or on paper. A
checkpoint names the vault, a seq, the chain's link at that seq, the time and the signer's key
id, and is signed with the signer's certified key: later, whoever holds the file checks that the
chain still holds that link at that seq. A chain rewritten or rolled back behind the checkpoint
is exit 4 naming the seq, also on a workstation that keeps no witness of the vault.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pgatui.messages import Finding
from pgatui.errors import PgaError, VaultDamaged
from pgatui.vault import audit
from pgatui.vault.files import canonical_json


def _message(body: dict) -> bytes:
    return b"pgatui checkpoint v1|" + canonical_json({k: v for k, v in body.items() if k != "signature"})


def write(vault, path: Path) -> dict:
    """Sign the current head and write it to a new file (never overwrites, owner-only)."""
    if vault._signer is None:
        raise PgaError("checkpoint.unsigned_vault")
    seq, digest = audit.head(vault.conn)
    body = {"format": 1, "vault_id": vault.vault_id, "seq": seq, "hash": digest,
            "at": audit.new_event("", "", "").at, "signer": vault._signer.key_id}
    body["signature"] = vault._signer.sign(_message(body))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with open(fd, "w", encoding="utf-8") as handle:
        json.dump(body, handle, indent=1, sort_keys=True)
        handle.write("\n")
    return body


def _read(path: Path) -> dict:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if type(body["seq"]) is not int or not isinstance(body["hash"], str) or not isinstance(body["signer"], str):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise PgaError("checkpoint.unreadable", path=path) from None
    return body


def check(vault, path: Path) -> dict:
    """The checkpoint in `path`, after checking its signature and that the chain still holds it."""
    body = _read(path)
    if body.get("vault_id") != vault.vault_id:
        raise PgaError("checkpoint.other_vault", path=path)
    if vault._verifier is None or not vault._verifier.check(body["signer"], body.get("signature"), _message(body)):
        raise VaultDamaged("checkpoint.unknown_signer", name=path.name)
    if audit.hash_at(vault.conn, body["seq"]) != body["hash"]:
        detail = audit.mismatch(vault.conn, vault._verifier, int(vault._ring.get("signed_from", 1)), body["seq"],
                                Finding("finding.seen_in_checkpoint", at=body.get("at")))
        raise VaultDamaged("checkpoint.chain_mismatch", detail=detail)
    return body
