"""From 40 columns up no label loses its key or its meaning: buttons are whole (a row of them
stacks instead of cutting "⌫ Back to the steps" to "⌫ Bac"), the top bar keeps Emergency and
Quick exit, and the footer keeps Back and `? Keys`, dropping whole hints (never half of one)."""

from __future__ import annotations

import dataclasses

import pytest
from support import FakeClock, screen_lines
from test_console_glyphs import console_config, missing, walk_every_screen
from textual.widgets import Input

from kiosk.ui.widgets.keyhints import KeyHints, choose_hints


def label_problems(app) -> str:
    """Every shown button and footer hint, whole on screen; Back and ? Keys in the footer."""
    lines = screen_lines(app)
    width = app.size.width
    problems = []
    for button in app.screen.query("Button"):
        if not button.display or button.region.height == 0:
            continue  # hidden
        geometry = app.screen.find_widget(button)
        region = geometry.region
        if not region.intersection(geometry.clip) or region.y >= len(lines) - 1:
            continue  # scrolled out of view (a scroll shows it whole)
        label = " ".join(str(button.label).split())
        shown = " ".join(" ".join(line[region.x:region.right] for line in lines[region.y:region.bottom]).split())
        if region.right > width or label not in shown:  # whole, on one line or wrapped
            problems.append(f"button {label!r} shows as {shown!r}")
    footer = app.screen.query(KeyHints)
    if footer:
        hints = list(footer.first().children)
        bottom = lines[-1]
        for hint in hints:
            if f"{hint.key_display} {hint.description}" not in bottom:
                problems.append(f"hint {hint.description!r} cut: {bottom!r}")
        actions = {hint.action for hint in hints}
        typing = isinstance(app.focused, Input)
        if typing:
            pass  # Backspace and ? are letters in a text field: neither is a key hint there
        elif len(app.screen_stack) > 1 and not actions & {"back", "screen.back"}:
            problems.append(f"no Back in the footer: {bottom!r}")
        if not typing and "app.keys" not in actions and "keys" not in actions:
            problems.append(f"no ? Keys in the footer: {bottom!r}")
    top = lines[0]
    emergency_key = "Ctrl+E " if isinstance(app.focused, Input) else "e "  # while typing, e is a letter
    if emergency_key not in top or "Esc" not in top:
        problems.append(f"top bar lost a key: {top!r}")
    return "; ".join(problems)


@pytest.mark.parametrize("width,height,glyph_set", [
    (40, 20, "unicode"),
    pytest.param(40, 20, "console", marks=pytest.mark.slow),
    pytest.param(60, 20, "unicode", marks=pytest.mark.slow),
    pytest.param(60, 20, "console", marks=pytest.mark.slow),
])
async def test_no_label_loses_its_key_or_meaning(app_factory, width, height, glyph_set):
    clock = FakeClock()
    app = app_factory(config=dataclasses.replace(console_config(), glyphs=glyph_set), clock=clock)
    checker = label_problems
    if glyph_set == "console":  # and every character in the console font (test_console_glyphs.py)
        def checker(app):
            return "; ".join(p for p in (missing(app), label_problems(app)) if p)
    async with app.run_test(size=(width, height), notifications=True) as pilot:
        walk = await walk_every_screen(app, pilot, clock, checker=checker)
    assert walk.bad == {}, "\n".join(f"{k}: {v}" for k, v in walk.bad.items())


def test_hints_are_kept_by_rank_and_shown_in_order():
    # (rank, width): Back 0, ? Keys 1, the screen's own 2, app-wide 3
    hints = [(3, 10), (0, 15), (2, 11), (2, 16), (3, 9), (3, 12), (1, 7)]
    assert choose_hints(hints, 200) == [0, 1, 2, 3, 4, 5, 6]
    assert choose_hints(hints, 40) == [1, 2, 6]  # Back, Tick, ? Keys; Show the code (16) skipped
    assert choose_hints(hints, 15) == [1]
    assert choose_hints(hints, 5) == []
