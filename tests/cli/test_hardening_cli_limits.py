"""Issue 17, bullet 8: every input read has a limit, with a clear one-line error."""

from __future__ import annotations

import io
import json
import tarfile

from cliutil import as_admin, one_line_error, pgatui
from helpers import ADMIN, ADMIN_PW


def test_policy_load_from_an_endless_file_stops_before_the_password(vault_path):
    result = pgatui("policy", vault_path, "--as", ADMIN, "--load", "/dev/zero", "--password-stdin", stdin="")
    assert result.returncode == 1 and "groter dan" in one_line_error(result)


def test_seed_refuses_an_absurd_number_of_persons(vault_path):
    for count in ("99999999999999999999999", "1000001"):
        result = as_admin("seed", vault_path, "--persons", count)
        assert result.returncode == 2 and "hoogstens een miljoen" in one_line_error(result)


def _tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_a_backup_with_an_oversized_or_compressed_member_is_refused(vault_path, tmp_path):
    backup = tmp_path / "b.pgabackup"
    assert as_admin("backup", vault_path, backup).returncode == 0
    with tarfile.open(backup) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    huge = dict(members, **{"manifest.json": json.dumps({"pad": "x" * 200_000}).encode()})
    extra = dict(members, **{"extra.txt": b"x"})
    for number, content in enumerate((_tar(huge), _tar(members, "w:gz"), _tar(extra))):
        crafted = tmp_path / f"crafted-{number}.pgabackup"
        crafted.write_bytes(content)
        result = pgatui("restore", crafted, tmp_path / f"r{number}.pgavault", "--as", ADMIN, "--password-stdin",
                        stdin=ADMIN_PW + "\n")
        assert result.returncode == 4 and "back-up" in one_line_error(result)
        assert not (tmp_path / f"r{number}.pgavault").exists()
