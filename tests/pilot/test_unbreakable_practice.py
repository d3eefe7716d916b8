"""Issue 22 item 10: practice never touches a real naloxone dose timer (`p` twice on Emergency
stopped it, with its alarm and idle hold; practice doses restarted the real countdown)."""

from __future__ import annotations

from support import DoseClock, dose_in_the_guide, screen_text


async def test_p_on_emergency_leaves_a_real_dose_timer_alone(app_factory):
    clock = DoseClock()
    app = app_factory(clock=clock, wall_clock=clock.now, region="US", mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await dose_in_the_guide(pilot, app)
        real = app.visit.dose
        given = (real.last_dose, list(app.visit.doses))
        assert real is not None and app.visit.hold_idle
        clock.advance(40)
        await pilot.press("e", "p")
        assert "real dose timer" in screen_text(app)  # it says why not
        assert not app.practicing and "PRACTICE" not in screen_text(app)
        await pilot.press("p", "g")  # p twice, then on into the guide
        assert "PRACTICE" not in screen_text(app)
        await pilot.press("e", "p", "p")
        assert app.visit.dose is real and (real.last_dose, app.visit.doses[:1]) == (given[0], given[1])
        assert app.visit.hold_idle and not app.practicing
        clock.advance(130)  # its alarm still rings on time
        rings = []
        app.bell = lambda: rings.append(clock())
        app.dose_flow.tick()
        assert rings
