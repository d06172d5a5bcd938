"""End to end in tmux (issues 5 and 14): take in a signal for a new person (two ideologies ticked),
open the weighing session from the case file, record three parties (presence, what each brings and
its legal basis, one in its own words), the room's joint view on every criterion, the room's own
view of the phenomenon (two other ideologies), a dissent of the OM, conclude "opnemen in de PGA",
confirm with the three passwords, and find the case waiting for a case meeting."""

from __future__ import annotations

from drive import drive, search_and_open, unlock

CRITERIA = 11  # the catalogue in force (assets/criteria-catalogue.json, 2026-2)

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
keys Tab Tab Tab Tab Tab Tab
sleep 0.2
keys Enter
sleep 0.3
keys Down Enter
sleep 0.3
keys Tab
sleep 0.2
keys Down Down Space Down Down Down Down Space
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


def party(key: str, title: str, name: str, organisation: str | None, brought: str, basis_keys: str,
          preferred_keys: str, basis_other: str = "") -> str:
    """Press the party's key and type, without pauses, who is present, what the party brings, its
    legal basis (a radio of the vault's list; the last one is 'anders' with own words), a
    preference and an overall view; save."""
    steps = [f"type {key}", f"expect {title}: aanwezigheid en standpunt", f"type {name}", "keys Tab"]
    if organisation:
        steps += [f"type {organisation}"]
    steps += ["keys Tab", f"type {brought}", "keys Tab", f"keys {basis_keys}", "keys Tab"]
    if basis_other:
        steps += [f"type {basis_other}"]
    steps += ["keys Tab", f"keys {preferred_keys}", "keys Tab", f"type Standpunt van {title}", "keys C-s",
              f"expect Vastgelegd: {title}"]
    return "\n".join(steps) + "\n"


def joint_view() -> str:
    """J: the room's one view on every criterion (the first choice, 'van toepassing', and a note)."""
    steps = ["type j", "expect Gezamenlijk oordeel van de weegploeg"]
    for index in range(CRITERIA):
        steps += ["keys Enter", "keys Tab", f"type samen besproken {index + 1}", "keys Tab"]
    steps += ["keys C-s", "expect Gezamenlijk oordeel vastgelegd"]
    return "\n".join(steps) + "\n"


# F: the room sees the phenomenon otherwise than the intake (which ticked links-extremistisch and
# "gemengd of onduidelijk"): jihadistisch (the first) and "gemengd of onduidelijk" (the last); its
# section is below the joint view (End shows it, Home goes back to the top for the dissent). The
# lines' ends may lie under the notices at the right: not expected. (A notice was seen to stay there
# for minutes in a CI run, "Vastgelegd: Politie." raised some 70 steps before: not understood yet.)
PHENOMENON = """
type f
expect Het fenomeen volgens de weegploeg
keys Space Down Down Down Down Down Down Space
keys C-s
expect Fenomeen volgens de weegploeg vastgelegd
keys End
expect Vermoed bij de signalen: Links-extremistisch, Gemengd of
expect Volgens de weegploeg: Jihadistisch, Gemengd of
keys Home
"""


# D: OM dissents on the first criterion: party OM (third), view 'niet van toepassing' (second).
DISSENT = """
type d
expect Afwijkende mening over een criterium
keys Enter
expect OM
keys Down Down Enter
keys Tab Tab Enter
expect Niet van toepassing
keys Down Enter
keys Tab
type OM ziet geen ideologisch motief in de filmpjes
keys C-s
expect Afwijkende mening van OM vastgelegd
expect OM wijkt af: Niet van toepassing
"""


def confirm(login: str, password: str) -> str:
    return "\n".join(["expect Bevestigen met eigen wachtwoord", f"type {login}", "keys Enter",
                      f"type {password}", "keys Enter", f"expect Bevestigd door {login}"]) + "\n"


SESSION = (
    party("1", "Gemeente", "Regisseur Demodorp", None, "Zorgen van school en leerplicht", "Down Down Enter", "Enter")
    + party("2", "Politie", "Wijkagent Demo", "Politie Eenheid Demo", "Meldingen uit de wijk", "Enter", "Enter")
    + party("3", "OM", "Officier Demo", "OM Arrondissement Demo", "Geen lopende strafzaak", "Down Down Down Down Enter",
            "Down Down Enter", basis_other="Afspraak in het regionaal convenant")
    + joint_view()
    + PHENOMENON
    + DISSENT
    + """
type c
expect Gezamenlijke conclusie
keys Enter Tab
type Samenhang en kracht van de signalen; OM ziet minder grond maar stemt in
keys Tab
type OM: geweld en voorbereiding niet gebleken
keys C-s
expect Conclusie vastgelegd
type b
"""
    + confirm("gemeente", "demo-kluis-regie")
    + confirm("politie", "demo-kluis-wijkagent")
    + confirm("om", "demo-kluis-parket")
    + """
expect Weging afgerond
keys Home
expect AFGEROND EN VASTGELEGD
expect fase nu: Casusoverleg
expect Inbreng: Zorgen van school en
expect Grondslag: Afspraak in he
expect OM wijkt af: Niet van toepassing
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
