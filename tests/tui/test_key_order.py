"""Keys typed in one burst land in the field that has the focus when it is their turn.

Pilot's `press` waits for the app to be idle after every key, which hides the race; these tests
hand the whole burst to the driver at once, as a fast typist (or tmux) does.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from pilot import settle, type_unlock, until_screen, wait_for
from test_screens import GEA_PW, gea_vault  # noqa: F401 - the fixture
from pgatui.tui.app import PgaApp


def burst(app, keys: list[str]) -> None:
    """Send every key to the app without waiting in between (characters as themselves)."""
    for key in keys:
        character = key if len(key) == 1 else None
        name = {" ": "space", "-": "minus"}.get(key, key)
        app._driver.send_message(events.Key(name, character))


def typed(text: str) -> list[str]:
    return list(text)


async def intake_typed_in_one_burst(app) -> None:
    """Name, Tab, birth date, Tab, address, typed without a pause: each lands in its own field."""
    async with app.run_test(size=(100, 40)) as pilot:
        await type_unlock(pilot, "gea", GEA_PW)
        await until_screen(pilot, "DashboardScreen")
        burst(app, ["n", *typed("Snel Typer"), "tab", *typed("2001-02-03"), "tab", *typed("Straat 1")])
        await until_screen(pilot, "IntakeScreen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#f-address", Input).value == "Straat 1",
                       what="the address typed last")
        assert screen.query_one("#f-name", Input).value == "Snel Typer"
        assert screen.query_one("#f-date_of_birth", Input).value == "2001-02-03"


async def test_text_typed_right_after_tab_lands_in_the_next_field(gea_vault):  # noqa: F811
    await intake_typed_in_one_burst(PgaApp(gea_vault))


async def intake_opened(app, pilot) -> None:
    await type_unlock(pilot, "gea", GEA_PW)
    await until_screen(pilot, "DashboardScreen")
    await pilot.press("n")
    await until_screen(pilot, "IntakeScreen")


async def test_the_intake_has_no_tab_stop_that_takes_no_text(gea_vault):  # noqa: F811
    """Its scroll box was a Tab stop after the last field: what a typist sent right after that Tab
    was lost. Every Tab stop of the intake is a field."""
    from textual.containers import VerticalScroll

    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await intake_opened(app, pilot)
        stops = app.screen.focus_chain
        assert len(stops) > 5
        assert not [stop for stop in stops if isinstance(stop, VerticalScroll)]


async def test_the_intakes_text_fields_show_what_is_typed(gea_vault):  # noqa: F811
    """Facts and interpretation had no line to show text in (a text field takes the height left over
    by default, and a scrolling form leaves none)."""
    from textual.widgets import TextArea

    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 30)) as pilot:
        await intake_opened(app, pilot)
        await settle(pilot)
        for name in ("observed_facts", "interpretation"):
            assert app.screen.query_one(f"#f-{name}", TextArea).content_region.height >= 4, name


async def test_login_and_password_typed_in_one_burst(vault_path):
    from helpers import ADMIN, ADMIN_PW

    app = PgaApp(vault_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await until_screen(pilot, "UnlockScreen")
        app.screen.query_one("#login").focus()
        burst(app, [*typed(ADMIN), "tab", *typed(ADMIN_PW), "enter"])
        await until_screen(pilot, "DashboardScreen")


async def test_a_slow_barrier_is_waited_for_not_released_by_the_clock(gea_vault, monkeypatch):  # noqa: F811
    """Under load a barrier returns late; the check that runs meanwhile must not hand out the next key.

    Every key takes 20 ms in a field here, the intake takes 50 ms to build, and the check runs every
    millisecond, as on a machine so loaded that every barrier is late: the burst must still land
    field by field. (A CI run lost the name's first letter: the key that opened the intake left its
    barrier on the dashboard, and the check handed out the next key before the intake was built.)
    """
    import asyncio

    from pgatui.tui import keys
    from pgatui.tui.screens.intake import IntakeScreen

    handle_key, build = Input._on_key, IntakeScreen.on_mount

    async def slow_key(self, event):
        await asyncio.sleep(0.02)  # the load: not a wait for anything
        await handle_key(self, event)

    async def slow_build(self):
        await asyncio.sleep(0.05)
        build(self)

    monkeypatch.setattr(Input, "_on_key", slow_key)
    monkeypatch.setattr(IntakeScreen, "on_mount", slow_build)
    monkeypatch.setattr(keys, "CHECK_BARRIER_SECONDS", 0.001)
    await intake_typed_in_one_burst(PgaApp(gea_vault))


async def search_then_enter_twice(app, pilot, *, names: tuple[str, ...], term: str) -> None:
    """Sign in, fill the list with cases of `names`, then type `term`, Enter, Enter in one burst
    (the pause before a search starts is long here, as a slow search would be)."""
    await case_list_shown(app, pilot, rows=len(names))
    burst(app, [*typed(term), "enter", "enter"])


async def case_list_shown(app, pilot, *, rows: int):
    """Sign in as gea and open the case list ('/'); its table once it holds `rows` rows."""
    from pgatui.tui.kit.rows import RowTable

    await type_unlock(pilot, "gea", GEA_PW)
    await until_screen(pilot, "DashboardScreen")
    await pilot.press("slash")
    await until_screen(pilot, "CaseListScreen")
    table = app.screen.query_one("#cases", RowTable)
    await wait_for(pilot, lambda: table.row_count == rows, what="the unfiltered list")
    return table


async def test_enter_twice_right_after_a_search_asks_the_purpose_of_the_case_searched_for(gea_vault, monkeypatch):  # noqa: F811
    """The same burst when the file is outside the user's own work: the purpose dialog comes (it
    did not: the file was opened from the list's search worker, which the opening cancelled)."""
    from test_screens import add_case
    from pgatui.services import cases
    from pgatui.tui.screens import caselist

    monkeypatch.setattr(caselist, "DEBOUNCE_SECONDS", 3600)
    monkeypatch.setattr(cases, "purpose_needed", lambda session, case_id: True)
    names = ("Anna Eerste", "Wilhelmina Zoekbaar")
    for name in names:
        add_case(gea_vault, name)
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await search_then_enter_twice(app, pilot, names=names, term="zoekbaar")
        await until_screen(pilot, "FormDialog")


async def test_enter_twice_right_after_a_search_opens_the_case_searched_for(gea_vault, monkeypatch):  # noqa: F811
    """A name, Enter, Enter in one burst: the second Enter opens what the search found, never the
    row the unfiltered list had under the cursor while the search was still on its way (the pause
    before a search starts is made long here, as a slow search would be)."""
    from test_screens import add_case
    from pgatui.tui.screens import caselist

    monkeypatch.setattr(caselist, "DEBOUNCE_SECONDS", 3600)

    add_case(gea_vault, "Anna Eerste")  # the newest case heads the unfiltered list
    wanted = add_case(gea_vault, "Wilhelmina Zoekbaar")
    add_case(gea_vault, "Zacharias Laatste")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        await case_list_shown(app, pilot, rows=3)
        burst(app, [*typed("zoekbaar"), "enter", "enter"])
        await until_screen(pilot, "CaseFileScreen")
        assert app.screen.case_id == wanted.id


async def test_a_second_enter_that_reached_the_search_field_after_its_results_opens_the_first(gea_vault):  # noqa: F811
    """The race of a run on an idle machine: the first Enter's search came back and took the focus
    to its results while the second Enter was already in the search field's queue. That Enter is
    the second of the burst: it opens the first result (it only moved the cursor to the results)."""
    from test_screens import add_case

    add_case(gea_vault, "Anna Eerste")
    wanted = add_case(gea_vault, "Wilhelmina Zoekbaar")
    app = PgaApp(gea_vault)
    async with app.run_test(size=(100, 40)) as pilot:
        table = await case_list_shown(app, pilot, rows=2)
        field = app.screen.query_one("#query", Input)
        field.value = "zoekbaar"
        await pilot.press("enter")  # the first Enter: searched, the cursor goes to the results
        await wait_for(pilot, lambda: table.row_count == 1 and app.focused is table, what="the results")
        field.focus()  # where the second Enter was delivered while the results were on their way
        await wait_for(pilot, lambda: app.focused is field, what="the search field")
        await pilot.press("enter")
        await until_screen(pilot, "CaseFileScreen")
        assert app.screen.case_id == wanted.id
