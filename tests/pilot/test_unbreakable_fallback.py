"""Issue 16 item 16: the built-in fallback emergency screen (emergency.toml missing or broken)
keeps the main screen's width rule: every common number whole, from 40 columns up, on screen."""

from __future__ import annotations

import pytest
from support import pack_with
from test_emergency import screen_text

from kiosk.data.emergency_fallback import FALLBACK
from kiosk.ui.screens.emergency import EmergencyScreen


@pytest.fixture(params=["missing", "broken"])
def fallback_pack(request, tmp_path):
    if request.param == "missing":
        return pack_with(tmp_path, "emergency.toml", gone=True)
    return pack_with(tmp_path, "emergency.toml", text='title = "x"\nsigns = ]\n')


async def test_fallback_numbers_are_whole_from_40_to_120_columns(app_factory, fallback_pack):
    app = app_factory(content=fallback_pack)
    assert app.store.emergency.numbers == FALLBACK.numbers  # the built-in screen, not the pack's
    entries = [f"{label} {number}" for label, number in FALLBACK.table()]  # Ireland: only as region IE
    assert "European Union 112" in entries and "New Zealand 111" in entries
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        for width in (40, 47, 55, 60, 67, 72, 79, 80, 81, 100, 120):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            table = app.screen.query_one("#numbers")
            assert table.region.right <= width and table.region.bottom <= 23, width  # on screen
            lines = screen_text(app).splitlines()
            assert all(len(line) == width for line in lines)
            shown = lines[table.region.y:table.region.bottom]
            for entry in entries:  # each on one line, never cut at the edge or wrapped inside
                assert any(entry in line for line in shown), (width, entry, shown)
            assert FALLBACK.call_local in screen_text(app)


async def test_fallback_first_screen_fits_80x24(app_factory, fallback_pack):
    app = app_factory(content=fallback_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert app.screen.query_one("#emergency-body").max_scroll_y == 0
        text = screen_text(app)
        for step in FALLBACK.steps:  # every step, with the number filled in
            assert step.partition(":")[0] in text
        assert "your local emergency number now" in text
        for way in ("#guide-button", "#naloxone-button"):
            assert app.screen.query_one(way).region.bottom <= 23
