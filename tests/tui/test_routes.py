"""Routes: the app's "where was I", with ids only."""

import pytest

from pgatui.tui import routes
from pgatui.tui.app import PgaApp  # noqa: F401 - registers the screens
from pgatui.tui.routes import Route


def test_the_screens_are_registered():
    assert {"home", "cases", "intake", "file"} <= set(routes.names())


def test_a_route_builds_its_screen_with_its_ids():
    screen = routes.build(Route("file", {"case_id": 7}))
    assert type(screen).__name__ == "CaseFileScreen" and screen.route == Route("file", {"case_id": 7})


def test_route_parameters_are_ids_never_text():
    with pytest.raises(TypeError):
        Route("cases", {"query": "Jan de Vries"})  # a search term is case data


def test_a_name_is_registered_once():
    with pytest.raises(ValueError):
        routes.route("home")(type("Other", (), {}))


def test_an_informing_task_opens_the_screen_where_informing_is_recorded():
    """Issue 11: the case file records informing (its I key); the monitoring screen cannot."""
    import datetime as dt

    from pgatui.services.cases import Task
    from pgatui.tui.screens.casefile import CaseFileScreen
    from pgatui.tui.screens.dashboard import OVERDUE_SCREENS, task_target

    target, params = task_target(Task("informing_due", 7, "PGA-2026-00007", dt.date(2026, 1, 1)))
    assert (target, params) == ("file", {"case_id": 7}) and OVERDUE_SCREENS["informing"] == "file"
    assert any(binding.action == "inform" for binding in CaseFileScreen.BINDINGS)
