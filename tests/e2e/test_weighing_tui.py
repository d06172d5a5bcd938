"""End to end in tmux (issue 5): take in a signal for a new person, open the weighing session from the
case file, record three parties (presence and a view on every criterion), conclude "opnemen in de
PGA", confirm with the three passwords, and find the case waiting for a case meeting."""

from __future__ import annotations

from drive import drive, search_and_open, unlock

CRITERIA = 10  # the catalogue in force (assets/criteria-catalogue.json)

INTAKE = unlock("gemeente", "demo-kluis-regie") + """
type n
expect Nieuw signaal
sleep 0.5
type Wibo Weegschaal
keys Tab
sleep 0.2
type 2001-07-14
sleep 0.2
keys Tab
sleep 0.2
type Weegbreestraat 12
keys Tab Tab
sleep 0.2
type 111222333
keys Tab Tab Tab Tab Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Enter
sleep 0.3
keys Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Down Down Enter
sleep 0.3
keys Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Down Enter
sleep 0.3
keys Tab
sleep 0.2
type Deelt wervingsfilmpjes van een verboden groep in de klasgroep
keys Tab
sleep 0.2
type Docent vermoedt dat hij geronseld wordt
sleep 0.3
keys C-s
expect Signaal opgeslagen
sleep 0.5
type /
expect Zoek op naam
sleep 0.3
""" + search_and_open("weegsch", "Wibo Weegschaal") + """expect Deelt wervingsfilmpjes
sleep 0.3
type w
expect Weging (weegploeg)
expect W.W.
expect Deelt wervingsfilmpjes
absent 111222333
absent Weegbreestraat
absent 2001-07-14
absent Wibo Weegschaal
sleep 0.5
"""


def party(key: str, title: str, name: str, organisation: str | None, view_keys: str, preferred_keys: str) -> str:
    """Press the party's key, type who is present, a view and a note on every criterion, save."""
    steps = [f"type {key}", f"expect {title}: aanwezigheid en standpunt", "sleep 0.5", f"type {name}", "keys Tab",
             "sleep 0.2"]
    if organisation:
        steps += [f"type {organisation}"]
    for index in range(CRITERIA):
        steps += ["keys Tab", "sleep 0.1", f"keys {view_keys}", "sleep 0.1", "keys Tab", "sleep 0.1",
                  f"type besproken {index + 1}"]
    steps += ["keys Tab", "sleep 0.1", f"keys {preferred_keys}", "sleep 0.1", "keys Tab", "sleep 0.1",
              f"type Standpunt van {title}", "sleep 0.3", "keys C-s", f"expect Vastgelegd: {title}", "sleep 0.8"]
    return "\n".join(steps) + "\n"


def confirm(login: str, password: str) -> str:
    return "\n".join(["expect Bevestigen met eigen wachtwoord", "sleep 0.5", f"type {login}", "keys Enter",
                      "sleep 0.2", f"type {password}", "sleep 0.2", "keys Enter", f"expect Bevestigd door {login}",
                      "sleep 0.8"]) + "\n"


SESSION = (
    party("1", "Gemeente", "Regisseur Demodorp", None, "Enter", "Enter")
    + party("2", "Politie", "Wijkagent Demo", "Politie Eenheid Demo", "Enter", "Enter")
    + party("3", "OM", "Officier Demo", "OM Arrondissement Demo", "Down Enter", "Down Down Enter")
    + """
type c
expect Gezamenlijke conclusie
sleep 0.5
keys Enter
sleep 0.2
keys Tab
sleep 0.2
type Samenhang en kracht van de signalen; OM ziet minder grond maar stemt in
keys Tab
sleep 0.2
type OM: geweld en voorbereiding niet gebleken
sleep 0.3
keys C-s
expect Conclusie vastgelegd
sleep 0.8
type b
"""
    + confirm("gemeente", "demo-kluis-regie")
    + confirm("politie", "demo-kluis-wijkagent")
    + confirm("om", "demo-kluis-parket")
    + """
expect Weging afgerond
sleep 0.5
keys Home
sleep 0.3
expect AFGEROND EN VASTGELEGD
expect fase nu: Casusoverleg
sleep 0.3
keys Escape
sleep 0.5
keys Escape
sleep 0.5
keys Enter
expect Fase: Casusoverleg
sleep 0.3
keys C-l
expect Kluis ontgrendelen
absent Wibo
absent W.W.
sleep 0.3
keys C-q
exit
""")


def test_a_weighing_session_from_intake_to_the_case_meeting(demo_vault, tmp_path):
    result = drive(INTAKE + SESSION, "demo", str(demo_vault), timeout=600,
                   log=tmp_path / "drive.log")
    assert result.returncode == 0, result.stderr + result.stdout
