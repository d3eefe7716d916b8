"""From 40 columns up no label loses its key or its meaning: buttons are whole (a row of them
stacks instead of cutting "⌫ Back to the steps" to "⌫ Bac"), the top bar keeps Emergency and
Quick exit, and the footer keeps Back and `? Keys`, dropping whole hints (never half of one)."""

from __future__ import annotations

import dataclasses

import pytest
from screen_walk import console_config, cursor_problem, label_problems, missing, walk_every_screen
from support import FakeClock

from kiosk.ui.widgets.keyhints import choose_hints


@pytest.mark.parametrize("width,height,glyph_set", [
    (40, 20, "unicode"),
    pytest.param(40, 20, "console", marks=pytest.mark.slow),
    pytest.param(60, 20, "unicode", marks=pytest.mark.slow),
    pytest.param(60, 20, "console", marks=pytest.mark.slow),
])
async def test_no_label_loses_its_key_or_meaning(app_factory, width, height, glyph_set):
    clock = FakeClock()
    app = app_factory(config=dataclasses.replace(console_config(), glyphs=glyph_set), clock=clock)
    checkers = [label_problems, cursor_problem]
    if glyph_set == "console":  # and every character in the console font (test_console_glyphs.py)
        checkers.append(missing)
    async with app.run_test(size=(width, height), notifications=True) as pilot:
        walk = await walk_every_screen(app, pilot, clock, checkers=checkers)
    assert walk.bad == {}, "\n".join(f"{k}: {v}" for k, v in walk.bad.items())


def test_hints_are_kept_by_rank_and_shown_in_order():
    # (rank, width): Back 0, ? Keys 1, the screen's own 2, app-wide 3
    hints = [(3, 10), (0, 15), (2, 11), (2, 16), (3, 9), (3, 12), (1, 7)]
    assert choose_hints(hints, 200) == [0, 1, 2, 3, 4, 5, 6]
    assert choose_hints(hints, 40) == [1, 2, 6]  # Back, Tick, ? Keys; Show the code (16) skipped
    assert choose_hints(hints, 15) == [1]
    assert choose_hints(hints, 5) == []
