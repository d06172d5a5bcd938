"""Every screen's footer fits at 80 and at 140 columns: no key is cut off (issue 13)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from people import password_of
from pilot import settle, type_unlock, until_screen
from test_errors_under_screens import full_vault, route_params  # noqa: F401 - the fixture
from pgatui.tui import routes
from pgatui.tui.app import PgaApp


def cut_keys(app) -> list[str]:
    """The footer keys that do not fit on the screen."""
    width = app.screen.size.width
    return [str(key.description) for key in app.screen.query(FooterKey) if key.region.right > width]


@pytest.mark.parametrize("width", [80, 140])
async def test_no_footer_is_cut(full_vault, width):  # noqa: F811
    path, ids = full_vault
    app = PgaApp(path, auto_lock_seconds=24 * 3600)
    async with app.run_test(size=(width, 30)) as pilot:
        await type_unlock(pilot, "gea", password_of("gemeente"))
        await until_screen(pilot, "DashboardScreen")
        cut = {}
        for name in routes.names():
            app._pop_to_base()
            app.go(name, **route_params(name, ids))
            await settle(pilot)
            if found := cut_keys(app):
                cut[name] = found
        assert cut == {}
