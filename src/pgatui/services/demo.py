"""The demo vault: synthetic people only, one account per role, passwords shown on unlock."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from pgatui.vault.vault import DEMO_ACCOUNTS, change_password, create_vault, open_vault
from pgatui.vault.files import write_json_atomic

ADMIN = ("beheer", "demo-kluis-sleutels", "beheerder", "Gemeente Demodorp")
ACCOUNTS = (
    ("gemeente", "demo-kluis-regie", "gemeente", "Gemeente Demodorp"),
    ("politie", "demo-kluis-wijkagent", "politie", "Politie Eenheid Demo"),
    ("om", "demo-kluis-parket", "om", "OM Arrondissement Demo"),
    ("partner", "demo-kluis-reclassering", "partner", "Reclassering Demo"),
    ("toezicht", "demo-kluis-fg", "toezicht", "FG Gemeente Demodorp"),
    # A second case director in Demodorp (a handover) and one of a second municipality (issue 11).
    ("regisseur", "demo-kluis-collega-regie", "gemeente", "Gemeente Demodorp"),
    ("voorbeeld", "demo-kluis-stad-regie", "gemeente", "Gemeente Voorbeeldstad"),
)
SECOND_MUNICIPALITY = "Gemeente Voorbeeldstad"


def default_demo_folder() -> Path:
    return Path(user_data_dir("pgatui")) / "demo.pgavault"


def ensure_demo_vault(folder: Path | None = None) -> Path:
    """Create (once) the demo vault in `folder` and return its path."""
    folder = Path(folder) if folder else default_demo_folder()
    if (folder / "keyring.json").exists():
        return folder
    login, password, _, organisation = ADMIN
    create_vault(folder, login, password, organisation, demo=True)
    with open_vault(folder, login, password) as vault:
        vault.add_organisation(SECOND_MUNICIPALITY, "gemeente")
        for name, secret, role, org in ACCOUNTS:
            one_time = vault.add_user(name, role, org)
            _set_demo_password(vault, name, one_time, secret)
        _seed(vault)
    rows = [[ADMIN[0], ADMIN[1], ADMIN[2]]] + [[n, p, r] for n, p, r, _ in ACCOUNTS]
    write_json_atomic(folder / DEMO_ACCOUNTS, rows)
    return folder


def _set_demo_password(vault, login: str, one_time: str, secret: str) -> None:
    change_password(vault.path, login, one_time, secret)


def _seed(vault) -> None:
    from pgatui.services.seed import seed_demo

    seed_demo(vault)
