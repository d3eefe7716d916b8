"""Snapshots of the kiosk-mode screens at 80x24 (issue 4): welcome, idle warning."""

from __future__ import annotations

from support import FakeClock, route


def test_welcome_screen(app_factory, snap_compare):
    assert snap_compare(app_factory(mode="kiosk"), terminal_size=(80, 24))


def test_idle_warning_over_a_page(app_factory, snap_compare):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)

    async def run_before(pilot):
        await pilot.press("space", *route(pilot.app.pack, "symptoms-core"))
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
