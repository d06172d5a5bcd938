"""Issue 13, "Checked by", in a real terminal (tmux via ../shared/tools/tui-drive): forms typed with no
pause between keys land every value in its own field, and a lock followed by another user's sign-in
leaves no trace of the previous user.

The other e2e scripts type the intake, the weighing, the meeting, the administration dialogs and the
figures the same way; these take the forms they do not: the purpose asked when a file outside one's
own work is opened, a criterion adopted in the criteria form, and a periodic review in monitoring. Every value is read back from the
vault afterwards, through the services."""

from __future__ import annotations

import json

import pytest
from drive import drive, search_and_open

from pgatui.services import access_log, cases, criteria, monitoring
from pgatui.services.session import Session
from pgatui.vault import open_vault
from pgatui.vault.vault import DEMO_ACCOUNTS

pytestmark = pytest.mark.slow


def signed_in(login: str, password: str) -> str:
    """Script steps, no pause between keys: sign in on the demo vault and wait for the dashboard."""
    return f"expect Demo-accounts\ntype {login}\nkeys Tab\ntype {password}\nkeys Enter\nexpect Aangemeld als {login}"


EXPLANATION = "Vraag van de officier over een oud incident"
DRAFT_NAME = "Voorlopige Naamloos"

# The police officer opens a file of another municipality's director (a purpose is asked), answers
# "Anders" with an explanation, starts an intake, and locks with the half-typed form on the screen.
# The OM user who signs in next must see nothing of it. No pause between any two keys.
POLICE_THEN_OM = f"""
{signed_in("politie", "demo-kluis-wijkagent")}
keys /
expect Op termijn
{{open_file}}expect Waarom opent u dit dossier
keys Enter
keys End
keys Enter
keys Tab
type {EXPLANATION}
keys C-s
expect Dossier {{number}}
keys Escape
expect Op termijn
keys Escape
expect Aangemeld als politie
keys n
expect Naam
type {DRAFT_NAME}
keys Tab
type 01-02-2003
keys C-l
{signed_in("om", "demo-kluis-parket")}
absent {DRAFT_NAME}
absent {EXPLANATION}
keys n
expect Naam
absent {DRAFT_NAME}
absent 01-02-2003
keys C-l
expect Demo-accounts
absent {DRAFT_NAME}
keys C-q
exit
"""

CRITERION = dict(id="schoolverzuim", title="Langdurig schoolverzuim",
                 explanation="Is de persoon langer dan vier weken niet op school geweest?",
                 version="2026-3 regio Demo", reason="Afgesproken in het regionaal overleg van november")

# The case director adopts a new criterion in the criteria form: every field typed at full speed.
NEW_CRITERION = f"""
{signed_in("gemeente", "demo-kluis-regie")}
keys a
expect Criteria voor de weging
keys 9
expect Criterium wijzigen
keys w
expect Welk criterium wijzigt u
keys End
keys Enter
expect Naam van de nieuwe versie
type {CRITERION["id"]}
keys Tab
type {CRITERION["title"]}
keys Tab
type {CRITERION["explanation"]}
keys Tab
keys Tab
type {CRITERION["version"]}
keys Tab
keys Tab
type {CRITERION["reason"]}
keys C-s
expect Criteria voor de weging: versie {CRITERION["version"]}
keys C-q
exit
"""


REVIEW_REASON = "Nog steeds zorgen over contacten in de wijk"

# The case director records a periodic review of a file in monitoring: date, still needed, reason.
REVIEW = f"""
{signed_in("gemeente", "demo-kluis-regie")}
keys /
expect Op termijn
{{open_file}}expect Dossier {{number}}
keys v
expect Beoordelen
keys h
expect Moet de persoon nog besproken worden
keys C-u
type 15-11-2026
keys Tab
keys Tab
type {REVIEW_REASON}
keys C-s
expect Herbeoordeling opgeslagen
expect 15-11-2026: nog nodig
keys C-q
exit
"""


def _search_and_open(number: str) -> str:
    """Script steps: find the file by its number typed without "PGA-", open it (Enter acts on the
    list on the screen, so the search's own answer is waited for first)."""
    return search_and_open(number.removeprefix("PGA-"), number)


def _file_of_another_director(vault) -> tuple[int, str, str]:
    """(case id, number, director's login) of a file the police officer must give a purpose for."""
    with open_vault(vault, "politie", "demo-kluis-wijkagent") as opened:
        session = Session(opened)
        case = next(c for c in cases.list_cases(session) if cases.purpose_needed(session, c.id))
        return case.id, case.number, case.director


def _demo_password(vault, login: str) -> str:
    rows = json.loads((vault / DEMO_ACCOUNTS).read_text(encoding="utf-8"))
    return next(password for name, password, _role in rows if name == login)


def _police_opens(vault, login: str, case_id: int) -> list[tuple[str, str | None]]:
    """(purpose, explanation) of the police officer's opens of the file, as `login` is shown them."""
    with open_vault(vault, login, _demo_password(vault, login)) as opened:
        opens = access_log.who_opened(Session(opened), case_id).opens
    return [(o.purpose, o.explanation) for o in opens if o.actor == "politie"]


def test_purpose_typed_at_full_speed_then_a_lock_leaves_no_trace_for_the_next_user(demo_vault):
    case_id, number, director = _file_of_another_director(demo_vault)
    script = POLICE_THEN_OM.format(number=number, open_file=_search_and_open(number))
    result = drive(script, str(demo_vault), size="120x40", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _police_opens(demo_vault, director, case_id) == [("Anders", EXPLANATION)]
    # The explanation is sealed under the case's municipality: the FG, who holds no compartment
    # key, sees the purpose and that an explanation was given, not its text.
    assert _police_opens(demo_vault, "toezicht", case_id) == [("Anders", "afgeschermd")]


def test_a_criterion_typed_at_full_speed_is_adopted_field_by_field(demo_vault):
    result = drive(NEW_CRITERION, str(demo_vault), size="120x40", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    with open_vault(demo_vault, "gemeente", "demo-kluis-regie") as opened:
        view = criteria.read_criteria(Session(opened))
    adopted = next(c for c in view.catalogue.criteria if c.id == CRITERION["id"])
    assert (adopted.title, adopted.explanation) == (CRITERION["title"], CRITERION["explanation"])
    assert view.catalogue.version == CRITERION["version"]
    assert any(a.version == CRITERION["version"] and a.reason == CRITERION["reason"] for a in view.adoptions)


def test_a_review_typed_at_full_speed_is_recorded_field_by_field(demo_vault):
    with open_vault(demo_vault, "gemeente", "demo-kluis-regie") as opened:
        session = Session(opened)
        case = next(c for c in cases.list_cases(session) if c.phase.value == "monitoring" and c.director == "gemeente")
        before = len(monitoring.read_process(session, case.id).reviews)
    script = REVIEW.format(number=case.number, open_file=_search_and_open(case.number))
    result = drive(script, str(demo_vault), size="120x40", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    with open_vault(demo_vault, "gemeente", "demo-kluis-regie") as opened:
        reviews = monitoring.read_process(Session(opened), case.id).reviews
    assert len(reviews) == before + 1
    assert [(r.reviewed_on.isoformat(), r.still_needed) for r in reviews if r.reason == REVIEW_REASON] == [
        ("2026-11-15", True)]
