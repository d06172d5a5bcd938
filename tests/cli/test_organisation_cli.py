"""The organisation register on the command line: add, list, rename; users pick from it."""

from __future__ import annotations

from cliutil import as_admin, one_line_error
from helpers import ADMIN, ADMIN_PW
from pgatui.vault import open_vault


def test_register_add_list_rename_and_users_scoped_to_municipalities(vault_path):
    assert as_admin("organisation", "add", vault_path, "--name", "Gemeente Zuid", "--kind", "gemeente").returncode == 0
    assert as_admin("organisation", "add", vault_path, "--name", "Reclassering NL", "--kind", "reclassering").returncode == 0
    bad_kind = as_admin("organisation", "add", vault_path, "--name", "X", "--kind", "bakker")
    assert bad_kind.returncode == 2 and "soort" in one_line_error(bad_kind)
    twice = as_admin("organisation", "add", vault_path, "--name", "gemeente zuid", "--kind", "gemeente")
    assert twice.returncode == 2 and "bestaat al" in one_line_error(twice)
    listed = as_admin("organisation", "list", vault_path)
    rows = {line.split("\t")[1]: line.split("\t")[2] for line in listed.stdout.splitlines()}
    assert rows == {"Gemeente Test": "gemeente", "Gemeente Zuid": "gemeente", "Reclassering NL": "reclassering"}

    wrong_kind = as_admin("user", "add", vault_path, "--name", "gijs", "--role", "gemeente", "--organisation", "Reclassering NL")
    assert wrong_kind.returncode == 2 and "gemeente" in one_line_error(wrong_kind)
    no_such = as_admin("user", "add", vault_path, "--name", "piet", "--role", "politie", "--organisation", "Politie",
                       "--municipality", "Gemeente Zuid")
    assert no_such.returncode == 2 and "Onbekende organisatie" in one_line_error(no_such)
    assert as_admin("organisation", "add", vault_path, "--name", "Politie Midden", "--kind", "politie").returncode == 0
    assert as_admin("user", "add", vault_path, "--name", "piet", "--role", "politie", "--organisation", "Politie Midden",
                    "--municipality", "Gemeente Zuid").returncode == 0
    assert as_admin("user", "add", vault_path, "--name", "olaf", "--role", "om", "--organisation", "Politie Midden").returncode == 2
    assert as_admin("user", "add", vault_path, "--name", "gijs", "--role", "gemeente", "--organisation", "Gemeente Zuid").returncode == 0
    not_a_municipality = as_admin("user", "add", vault_path, "--name", "ria", "--role", "gemeente",
                                  "--organisation", "Gemeente Zuid", "--municipality", "Reclassering NL")
    assert not_a_municipality.returncode == 2 and "geen gemeente" in one_line_error(not_a_municipality)

    renamed = as_admin("organisation", "rename", vault_path, "Gemeente Zuid", "--name", "Gemeente Zuiderland")
    assert renamed.returncode == 0, renamed.stderr
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        users = {u.login: u for u in vault.list_users()}
        zuid = next(o for o in vault.list_organisations() if o.name == "Gemeente Zuiderland")
        actions = [r[0] for r in vault.conn.execute("SELECT action FROM audit_log")]
    assert users["gijs"].organisation == "Gemeente Zuiderland"
    assert users["gijs"].organisation_id == zuid.id and users["gijs"].municipalities == (zuid.id,)
    assert users["piet"].municipalities == (zuid.id,)  # renaming changed no one's access
    assert {"organisation.add", "organisation.rename", "organisation.list"} <= set(actions)
    shown = as_admin("user", "list", vault_path)
    assert "piet\tpolitie\tPolitie Midden\tmoet-wachtwoord-wijzigen\tGemeente Zuiderland" in shown.stdout


def test_politie_sees_all_municipalities_by_default(vault_path):
    assert as_admin("organisation", "add", vault_path, "--name", "Politie Midden", "--kind", "politie").returncode == 0
    assert as_admin("user", "add", vault_path, "--name", "piet", "--role", "politie", "--organisation", "Politie Midden").returncode == 0
    shown = as_admin("user", "list", vault_path)
    assert "piet\tpolitie\tPolitie Midden\tmoet-wachtwoord-wijzigen\talle gemeenten" in shown.stdout
    refused = as_admin("organisation", "rename", vault_path, "Nergens", "--name", "Iets")
    assert refused.returncode == 2 and "Onbekende organisatie" in one_line_error(refused)
