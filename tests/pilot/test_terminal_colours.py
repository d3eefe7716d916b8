"""kiosk/ui/terminal_colours.py: which terminals get which attributes, and that the rewritten
styles keep what Textual hangs on them (a click on a menu row still lands on it under TERM=linux)."""

from __future__ import annotations

import pytest
from rich.style import Style
from support import screen_lines

from kiosk.ui import terminal_colours as tc
from kiosk.ui.screens.topic import TopicScreen


@pytest.mark.parametrize("environ,kind", [
    ({"TERM": "linux"}, "16"), ({"TERM": "xterm"}, "16"), ({"TERM": "screen"}, "16"), ({}, "16"),
    ({"TERM": "vt100"}, "mono"), ({"TERM": "xterm-mono"}, "mono"), ({"TERM": "dumb"}, "mono"),
    ({"TERM": "xterm-256color"}, "many"), ({"TERM": "linux", "COLORTERM": "truecolor"}, "many"),
])
def test_depth(environ, kind):
    assert tc.depth(environ) == kind


def test_rewritten_styles_keep_their_meta():
    style = Style(color="#000000", bgcolor="#ffffff", bold=True, meta={"option": 3})
    console = tc.console_style(style, (0, 0, 0))
    assert console.meta == {"option": 3} and not console.bold  # bold black on grey would be #555
    assert tc.mono_style(style, (0, 0, 0)).meta == {"option": 3}


async def test_a_click_on_a_menu_row_works_under_term_linux(app_factory, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = app_factory()
    assert app.terminal_filter is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = next(y for y, line in enumerate(screen_lines(app)) if line.startswith("6 "))
        await pilot.click(offset=(4, row))
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen), screen_lines(app)
