"""The bar keeps both keys readable at every width; pages scroll instead of cutting text."""

from __future__ import annotations

import pytest
from support import route, wait_until

from kiosk.ui.screens.page import PageScreen


@pytest.mark.parametrize("width,height", [(80, 24), (60, 20), (40, 12), (30, 10), (20, 6)])
async def test_bar_labels_fit_and_name_their_keys(app_factory, width, height):
    app = app_factory()
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        emergency = app.screen.query_one("#emergency-button")
        quick = app.screen.query_one("#quick-exit-button")
        e_label, q_label = str(emergency.render()), str(quick.render())
        assert e_label.strip().startswith("e ") and q_label.strip().startswith("Esc")
        assert len(e_label) <= emergency.region.width and len(q_label) <= quick.region.width
        assert quick.region.right <= width


async def test_tiny_terminal_page_scrolls_to_its_end(app_factory):
    app = app_factory()
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.press(*route(app.pack, "treatment-medication"))
        assert isinstance(app.screen, PageScreen)
        body = app.screen.query_one("#page-body")
        assert body.max_scroll_y > 0
        body.scroll_end(animate=False)  # Textual scrolls after the next refresh: wait for it
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y)
        assert app.screen.query_one(".sources").region.height > 0  # the last widget is reachable
