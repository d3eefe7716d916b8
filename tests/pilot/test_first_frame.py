"""Issue 26 (point 5): the first frame of a screen is drawn right, not re-laid out a moment later.
Find help's filter buttons were first drawn in three columns at 40 columns ("Buprenorfi", words
breaking) until the resize that followed fitted them: every time a filter button is drawn, here,
its whole label fits."""

from __future__ import annotations

import dataclasses
from typing import List, Tuple

import pytest
from screen_walk import console_config
from textual.widgets import Button


@pytest.mark.parametrize("width", [40, 50, 80])
async def test_find_help_filter_buttons_are_never_drawn_cut(app_factory, monkeypatch, width):
    drawn: List[Tuple[str, int, int]] = []  # (label, width drawn at, width needed)
    render = Button.render

    def recording(self):
        if (self.id or "").startswith("filter-") and self.size.width:
            label = str(self.label)
            drawn.append((label, self.content_size.width, len(label)))
        return render(self)

    monkeypatch.setattr(Button, "render", recording)
    app = app_factory(config=dataclasses.replace(console_config(), glyphs="auto"))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
    assert drawn, "no filter button was drawn"
    cut = [d for d in drawn if d[1] < d[2]]
    assert not cut, cut


@pytest.mark.parametrize("width", [40, 80])
async def test_emergency_first_frame_has_its_whole_bar_and_its_footer(app_factory, monkeypatch, width):
    """The pre-built Emergency screen's first frame showed a cut bar label (a stray "·") and an
    empty footer: each is recorded every time it is drawn on the Emergency screen."""
    from kiosk.ui.screens.emergency import EmergencyScreen
    from kiosk.ui.widgets.chrome import BarButton
    from kiosk.ui.widgets.keyhints import KeyHints

    problems: List[str] = []
    bar_render, hints_render = BarButton.render, KeyHints.render_lines

    def bar(self):
        if isinstance(self.screen, EmergencyScreen) and self.screen.is_current and self.id == "emergency-button":
            label = str(self.renderable if hasattr(self, "renderable") else render(self))
            if self.size.width and len(label) > self.size.width:
                problems.append(f"bar label {label!r} cut to {self.size.width}")
        return bar_render(self)

    footers: List[Tuple[str, ...]] = []

    def hints(self, crop):
        if isinstance(self.screen, EmergencyScreen) and self.screen.is_current:
            shown = tuple(f"{h.key} {h.description}" for h in self.children)
            if not footers or footers[-1] != shown:
                footers.append(shown)
        return hints_render(self, crop)

    render = bar_render
    monkeypatch.setattr(BarButton, "render", bar)
    monkeypatch.setattr(KeyHints, "render_lines", hints)
    app = app_factory()
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)  # the ready Emergency screen is built in the background
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
    assert not problems, problems
    assert len(footers) == 1 and footers[0], f"the footer changed after the first frame: {footers}"
