"""How the main screens look at 80x24 (pytest-textual-snapshot). Update only after looking."""

from __future__ import annotations

from conftest import CONTENT
from support import home_key, route, shipped_pack
from textual.widgets import Input

from kiosk.data.config import Config
from kiosk.factory import make_app


def fresh_app():
    return make_app(content=CONTENT, config=Config())


async def no_blink(pilot):
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


def test_home(snap_compare):
    assert snap_compare(fresh_app(), terminal_size=(80, 24))


def test_topic_menu(snap_compare):
    assert snap_compare(fresh_app(), press=[home_key(shipped_pack(), "topic:symptoms")], terminal_size=(80, 24))


def test_topic_page(snap_compare):
    assert snap_compare(fresh_app(), press=route(shipped_pack(), "symptoms-core"), terminal_size=(80, 24))


def test_search_with_results(snap_compare):
    async def type_query(pilot):
        await pilot.press("slash")
        await no_blink(pilot)
        await pilot.press(*"withdrawal")
        await pilot.pause()

    assert snap_compare(fresh_app(), run_before=type_query, terminal_size=(80, 24))
