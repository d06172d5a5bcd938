"""Issue 17, bullet 2: temporary files are created O_EXCL | O_NOFOLLOW under unguessable names."""

from __future__ import annotations

import stat

import pytest

from helpers import ADMIN, ADMIN_PW
from pgatui.services.exporting import Document, Section, write_export
from pgatui.services.session import Session
from pgatui.vault import files, open_vault


def test_temporary_names_are_random(tmp_path):
    target = tmp_path / "notulen.txt"
    assert files.unplantable_name(target, "tmp") != files.unplantable_name(target, "tmp")


def test_a_symlink_at_the_temporary_name_is_refused_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet overschrijven")
    victim.chmod(0o644)
    target = tmp_path / "notulen.txt"
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: "voorspeld")  # as if the name were guessed
    files.unplantable_name(target, "tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        files.write_atomic(target, b"vertrouwelijk")
    assert victim.read_text() == "niet overschrijven" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not target.exists()


def test_an_export_ignores_a_symlink_at_the_old_fixed_temporary_name(vault_path, tmp_path):
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet overschrijven")
    victim.chmod(0o644)
    target = tmp_path / "notulen.txt"
    (tmp_path / ".notulen.txt.tmp").symlink_to(victim)
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        write_export(Session(vault), Document("Notulen", [Section("Kop", ["geheim"])]), target, action="minutes.export")
    assert victim.read_text() == "niet overschrijven" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert "geheim" in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_staging_folder_that_exists_is_refused_and_kept(tmp_path):
    planted = tmp_path / "staging"
    planted.mkdir()
    (planted / "bestand").write_text("blijft")
    with pytest.raises(files.PgaError, match="niet door pgatui gemaakt"):
        files.make_private_dir(planted)
    assert (planted / "bestand").read_text() == "blijft"


def test_leftovers_are_removed_only_when_they_are_recognisably_ours(tmp_path):
    dest = tmp_path / "b.pgabackup"
    ours = tmp_path / f".{dest.name}.0123456789abcdef.maken"
    ours.mkdir()
    (ours / "data.db").write_bytes(b"half")
    theirs = tmp_path / f".{dest.name}.fedcba9876543210.maken"
    theirs.mkdir()
    (theirs / "rapport.docx").write_text("blijft")
    trap = tmp_path / f".{dest.name}.aaaaaaaaaaaaaaaa.maken"
    trap.symlink_to(theirs)
    files.remove_stale(dest, "maken", ("manifest.json", "keyring.json", "data.db"))
    assert not ours.exists()
    assert (theirs / "rapport.docx").read_text() == "blijft" and trap.is_symlink()
