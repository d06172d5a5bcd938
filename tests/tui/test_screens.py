"""Pilot tests of the everyday screens: intake, search, case file, shared screen, hostile text."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from helpers import ADMIN, ADMIN_PW
from people import close_after_pga
from pgatui.domain.models import Ideology, PersonInput, SignalInput, SourceKind, Urgency
from pgatui.services import cases as svc
from pgatui.services.session import Session
from pgatui.tui.app import PgaApp
from pgatui.tui.kit.rows import RowTable
from pgatui.vault import change_password, open_vault
from pilot import on, wait_for

GEA_PW = "gemeente-wachtzin-t"
HOSTILE_NAME = "[@click=app.quit]Kwaad[/] \x1b[2J\u202eJan"


@pytest.fixture
def gea_vault(vault_path):
    with open_vault(vault_path, ADMIN, ADMIN_PW) as vault:
        one_time = vault.add_user("gea", "gemeente", "Gemeente Test")
    change_password(vault_path, "gea", one_time, GEA_PW)
    return vault_path


def add_case(path, name, dob=dt.date(2001, 2, 3), facts="Deelt filmpjes"):
    with open_vault(path, "gea", GEA_PW) as vault:
        return svc.take_in_signal(Session(vault), SignalInput(
            received_on=dt.date(2026, 11, 1), received_by="Gemeente Test", source_kind=SourceKind.BURGER,
            observed_facts=facts, ideology=Ideology.ONDUIDELIJK, urgency=Urgency.NORMAAL),
            person=PersonInput(name=name, date_of_birth=dob, address="Fictiestraat 9", bsn="111222333"))


async def signed_in(pilot):
    app = pilot.app
    app.screen.query_one("#login").value = "gea"
    app.screen.query_one("#password").value = GEA_PW
    app.screen.query_one("#password").focus()
    await pilot.press("enter")
    await wait_for(pilot, on(app, "DashboardScreen"))


def text_of(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_intake_refuses_missing_fields_then_saves(gea_vault):
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("n")
        await wait_for(pilot, on(app, "IntakeScreen"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "verplicht" in str(app.screen.query_one("#err-name").render()))
        assert "ten minste één" in str(app.screen.query_one("#err-ideologies").render())  # no default ideology
        screen = app.screen
        screen.query_one("#f-name", Input).value = "Femke Nieuwenhuis"
        screen.query_one("#f-date_of_birth", Input).value = "2003-04-05"
        screen.query_one("#f-bsn", Input).value = "123456789"
        screen.query_one("#f-source_kind", Select).value = "burger"
        screen.query_one("#f-ideologies", SelectionList).select("links_extremistisch")
        screen.query_one("#f-urgency", Select).value = "hoog"
        screen.query_one("#f-observed_facts", TextArea).text = "Bekladde een pand met dreigende leuzen"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "elfproef" in str(app.screen.query_one("#err-bsn").render()))
        screen.query_one("#f-bsn", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, on(app, "DashboardScreen"))
    with open_vault(gea_vault, "gea", GEA_PW) as vault:
        found = svc.search_cases(Session(vault), "femke")
    assert [name for _, name in found] == ["Femke Nieuwenhuis"]


async def test_draft_survives_leaving_the_form(gea_vault):
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("n")
        await wait_for(pilot, on(app, "IntakeScreen"))
        app.screen.query_one("#f-name", Input).value = "Half ingevuld"
        await pilot.press("escape")
        await wait_for(pilot, on(app, "DashboardScreen"))
        await pilot.press("n")
        await wait_for(pilot, on(app, "IntakeScreen"))
        assert app.screen.query_one("#f-name", Input).value == "Half ingevuld"


async def test_search_opens_the_file_and_shared_screen_hides_identifying_fields(gea_vault):
    case = add_case(gea_vault, "Wilhelmina Zoekbaar")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("slash")
        await wait_for(pilot, on(app, "CaseListScreen"))
        app.screen.query_one("#query", Input).value = "zoekb"
        table = app.screen.query_one("#cases", RowTable)
        await wait_for(pilot, lambda: table.row_count == 1 and case.number in str(table.get_row_at(0)[0]))
        table.focus()
        await pilot.press("enter")
        await wait_for(pilot, on(app, "CaseFileScreen"))
        await wait_for(pilot, lambda: "Wilhelmina Zoekbaar" in text_of(app))
        assert "111222333" in text_of(app) and "Deelt filmpjes" in text_of(app)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "W.Z." in text_of(app))
        shown = text_of(app)
        assert "111222333" not in shown and "2001-02-03" not in shown and "03-02-2001" not in shown and "Fictiestraat" not in shown
    with open_vault(gea_vault, ADMIN, ADMIN_PW) as vault:
        reads = vault.conn.execute("SELECT count(*) FROM audit_log WHERE action='case.read' AND object_id=?",
                                   (f"case:{case.id}",)).fetchone()[0]
    assert reads == 1


async def test_hostile_names_render_literally_everywhere(gea_vault):
    add_case(gea_vault, HOSTILE_NAME, facts="[/]x [link=file:///etc/passwd]x[/link] \x1b]52;c;aGFjaw==\x07")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("slash")
        await wait_for(pilot, on(app, "CaseListScreen"))
        app.screen.query_one("#query", Input).value = "kwaad"
        table = app.screen.query_one("#cases", RowTable)
        await wait_for(pilot, lambda: table.row_count == 1 and "Kwaad" in str(table.get_row_at(0)[2]))
        assert "[@click=app.quit]" in str(table.get_row_at(0)[2])
        table.focus()
        await pilot.press("enter")
        await wait_for(pilot, on(app, "CaseFileScreen"))
        await wait_for(pilot, lambda: "[@click=app.quit]Kwaad[/]" in text_of(app) and "[link=" in text_of(app))
        shown = text_of(app)
        assert "[link=file:///etc/passwd]" in shown and "\x1b" not in shown and "\u202e" not in shown
        assert app.is_running


async def test_case_list_filters_by_phase_owner_and_orders_by_due_date(gea_vault):
    first, second = add_case(gea_vault, "Anna Eerste"), add_case(gea_vault, "Bert Tweede")
    with open_vault(gea_vault, "gea", GEA_PW) as vault:
        close_after_pga(Session(vault), second.id, "verhuisd")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("slash")
        await wait_for(pilot, on(app, "CaseListScreen"))
        table = app.screen.query_one("#cases", RowTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        assert "Anna Eerste" in str(table.get_row_at(0)[2])  # names also without a search term
        await pilot.press("f2")  # phase: signaal
        await wait_for(pilot, lambda: table.row_count == 1 and first.number in str(table.get_row_at(0)[0]))
        for _ in range(4):  # weging, casusoverleg, monitoring, afgesloten
            await pilot.press("f2")
        await wait_for(pilot, lambda: table.row_count == 1 and second.number in str(table.get_row_at(0)[0]))
        await pilot.press("f3", "f4")
        await wait_for(pilot, lambda: "alleen mijn casussen" in str(app.screen.query_one("#page").render())
                       and "op termijn" in str(app.screen.query_one("#page").render()))
        assert table.row_count == 1  # gea owns both


async def test_the_case_list_is_built_once_opens_afresh_and_goes_with_the_lock(gea_vault):
    first, second = add_case(gea_vault, "Anna Eerste"), add_case(gea_vault, "Bert Tweede")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(120, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("slash")
        await wait_for(pilot, on(app, "CaseListScreen"))
        listed = app.screen
        table = listed.query_one("#cases", RowTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        listed.query_one("#query", Input).value = "bert"
        await pilot.press("f2")
        await wait_for(pilot, lambda: table.row_count == 1 and second.number in str(table.get_row_at(0)[0]))
        await pilot.press("escape")
        await wait_for(pilot, on(app, "DashboardScreen"))
        await pilot.press("slash")
        await wait_for(pilot, on(app, "CaseListScreen"))
        assert app.screen is listed  # the same screen, started afresh: no search, every phase
        assert listed.query_one("#query", Input).value == ""
        await wait_for(pilot, lambda: table.row_count == 2 and first.number in str(table.get_row_at(0)[0]))
        assert "alle fasen" in str(listed.query_one("#page").render()).lower()
        app.lock()
        await wait_for(pilot, on(app, "UnlockScreen"))
        assert not listed.is_attached and table.row_count == 0  # its rows went with the lock
        app.screen.query_one("#login").value = "gea"
        app.screen.query_one("#password").value = GEA_PW
        app.screen.query_one("#password").focus()
        await pilot.press("enter")  # back where the user was: on the list, a new one
        await wait_for(pilot, on(app, "CaseListScreen"))
        assert app.screen is not listed


async def summary_shown(pilot, case_id: int, name: str) -> None:
    """Open the summary of `case_id` and wait until it shows `name`."""
    app = pilot.app
    app.go("summary", case_id=case_id)
    await wait_for(pilot, lambda: on(app, "SummaryScreen")() and name in text_of(app))


async def test_a_closed_screen_leaves_no_watcher_on_the_app(gea_vault):
    """Its header watched the app's title and the summary the shared-screen flag: the app kept the
    closed screen, and the decrypted case it showed, alive until the next lock (issue 18)."""
    case = add_case(gea_vault, "Wouter Weggaan")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await summary_shown(pilot, case.id, "Wouter Weggaan")
        closed = list(app.screen.walk_children(with_self=True))
        watching = lambda: [node for entries in getattr(app, "__watchers").values() for node, _ in entries]  # noqa: E731
        assert any(node in closed for node in watching())
        await pilot.press("escape")
        await wait_for(pilot, on(app, "DashboardScreen"))
        await wait_for(pilot, lambda: not closed[0].is_attached, what="the summary removed")
        assert not any(node in closed for node in watching())


async def test_closed_screens_are_freed_at_the_next_close_or_pause(gea_vault, monkeypatch):
    """Full collections wait for the user's pauses (tui.heap); closed screens, and the decrypted
    case data they showed, are freed by the collection after the next close, even without a pause,
    and the last one at the next pause. (The summary: the case file is kept, and emptied.)"""
    from pgatui.tui import heap

    monkeypatch.setattr(heap, "PAUSE_SECONDS", 10**9)  # no pause counts, until the end
    monkeypatch.setattr(heap, "LATEST_SECONDS", 10**9)
    case = add_case(gea_vault, "Wouter Weggaan")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        closed = []
        for _ in range(2):
            await summary_shown(pilot, case.id, "Wouter Weggaan")
            closed.append(weakref.ref(app.screen))
            await pilot.press("escape")
            await wait_for(pilot, on(app, "DashboardScreen"))
        await wait_for(pilot, lambda: closed[0]() is None, what="the first file freed at the second close")
        monkeypatch.setattr(heap, "PAUSE_SECONDS", 0)  # the user pauses
        await wait_for(pilot, lambda: closed[1]() is None, what="the last file freed at the pause")


def case_text_held_by(screen, *texts: str) -> list[str]:
    """Which of `texts` the objects reachable from `screen` still hold (in a str: a widget's text,
    a rendered line, an attribute). The search stops at the app and at other screens (the case
    list rightly shows names), and at modules, classes and functions (Textual's and Python's own)."""
    import types

    from textual.app import App
    from textual.screen import Screen

    stop = (App, types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType, types.CodeType, types.FrameType)
    seen, todo, found = {id(screen)}, [screen], set()
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            found.update(text for text in texts if text in node)
            continue
        for child in gc.get_referents(node):
            if id(child) in seen or isinstance(child, stop) or (isinstance(child, Screen) and child is not screen):
                continue
            seen.add(id(child))
            todo.append(child)
    return sorted(found)


async def test_the_file_screen_is_kept_and_nothing_of_a_closed_case_stays_in_it(gea_vault):
    """The case file is built once a session and pointed at the next case (issue 18); what the last
    case showed (its name, its facts) goes when it closes, and the screen goes with a lock."""
    first = add_case(gea_vault, "Anna Eerstezaak", facts="Kanarie-feit-een")
    second = add_case(gea_vault, "Bert Tweedezaak", facts="Kanarie-feit-twee")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        app.go("file", case_id=first.id)
        await wait_for(pilot, lambda: on(app, "CaseFileScreen")() and "Kanarie-feit-een" in text_of(app))
        kept = app.screen
        assert case_text_held_by(kept, "Anna Eerstezaak", "Kanarie-feit-een") == ["Anna Eerstezaak", "Kanarie-feit-een"]
        await pilot.press("escape")
        await wait_for(pilot, on(app, "DashboardScreen"))
        await wait_for(pilot, lambda: not case_text_held_by(kept, "Anna Eerstezaak", "Kanarie-feit-een"),
                       what="the closed file emptied")
        assert kept.is_attached and kept._file is None
        app.go("file", case_id=second.id)
        await wait_for(pilot, lambda: on(app, "CaseFileScreen")() and "Kanarie-feit-twee" in text_of(app))
        assert app.screen is kept and kept.case_id == second.id
        assert not case_text_held_by(kept, "Anna Eerstezaak", "Kanarie-feit-een")
        app.lock()
        await wait_for(pilot, on(app, "UnlockScreen"))
        await wait_for(pilot, lambda: not kept.is_attached, what="the kept file removed")
        assert kept._file is None
        gone, kept = weakref.ref(kept), None
        await wait_for(pilot, lambda: gc.collect() is not None and gone() is None, what="the kept file released")


def rendered_lines_naming(text: str) -> list:
    """The rendered lines (Textual strips) anywhere in the process that show `text`."""
    from textual.strip import Strip

    gc.collect()
    return [line for line in gc.get_objects() if isinstance(line, Strip) and text in line.text]


async def test_after_a_lock_no_rendered_line_of_the_locked_session_stays_in_memory(gea_vault):
    """The pinned Textual's styles caches outlived their widgets, with every line they rendered
    (tui.patches): after a lock, the names the user had on the screen stayed in the process."""
    case = add_case(gea_vault, "Renske Regelgeheugen")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await summary_shown(pilot, case.id, "Renske Regelgeheugen")
        await wait_for(pilot, lambda: rendered_lines_naming("Regelgeheugen"), what="the name drawn")
        app.lock()
        await wait_for(pilot, on(app, "UnlockScreen"))
        await wait_for(pilot, lambda: not rendered_lines_naming("Regelgeheugen"), timeout=30,
                       what="no line naming the person left after the lock")


async def test_locking_drops_the_intake_draft(gea_vault):
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await signed_in(pilot)
        await pilot.press("n")
        await wait_for(pilot, on(app, "IntakeScreen"))
        app.screen.query_one("#f-name", Input).value = "Vorige Gebruiker"
        await pilot.press("escape")
        await wait_for(pilot, on(app, "DashboardScreen"))
        app.lock()
        await wait_for(pilot, on(app, "UnlockScreen"))
        await signed_in(pilot)
        await pilot.press("n")
        await wait_for(pilot, on(app, "IntakeScreen"))
        assert app.screen.query_one("#f-name", Input).value == ""


async def test_the_case_lists_name_column_follows_a_resized_terminal(gea_vault):
    """The name column takes what the terminal leaves: set when the list was built, it stayed at
    its narrow 80-column width after the terminal was made wider."""
    from pilot import settle, visible_text

    name = "Anna-Maria Oudewaterloo-Brink"  # 29 characters: cut at 80 columns, whole at 120
    add_case(gea_vault, name)
    app = PgaApp(gea_vault)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in(pilot)
        app.go("cases")
        await wait_for(pilot, lambda: on(app, "CaseListScreen")() and app.screen.query_one("#cases").row_count == 1)
        await settle(pilot)
        assert name not in visible_text(app)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert name in visible_text(app)
