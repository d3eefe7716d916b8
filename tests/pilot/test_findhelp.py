"""Find help: defaults with no config, services with 'open now' from the wall clock, offer filter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from kiosk.data.config import Helpline, Service, load_config
from kiosk.ui.screens.findhelp import FindHelpScreen

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "kiosk" / "deploy" / "example-config.toml"

WEEKDAYS = {d: "09:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}
SERVICES = (
    Service("Day Clinic", address="1 High St", phone="0100 000000", offers=("methadone", "buprenorphine"),
            hours=dict(WEEKDAYS, sat="closed", sun="closed")),
    Service("Late Van", offers=("naloxone", "needle-exchange"), hours={"fri": "22:00-02:00", "sat": "22:00-02:00"}),
    Service("Pharmacy", offers=("naloxone",), hours={d: "24h" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}),
)


def rendered(widget: Static) -> str:
    return str(widget.render())


def service(app, n: int) -> Static:
    return app.screen.query_one(f"#service-{n}", Static)


async def test_no_config_shows_default_helplines_grouped_and_marked(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FindHelpScreen)
        assert "Built-in national helplines" in rendered(screen.query_one("#defaults-note", Static))
        countries = [rendered(w) for w in screen.query(".country")]
        assert countries == ["USA", "Canada", "UK", "Ireland", "Australia", "New Zealand"]
        lines = " ".join(rendered(w) for w in screen.query(".helpline.default"))
        for number in ("1-800-662-4357", "0300 123 6600", "1-888-688-6677", "988", "1800 250 015"):
            assert number in lines
        assert "TTY: 1-800-487-4889" in lines and "Text: 82111" in lines
        assert not screen.query(".service")


async def test_region_lists_its_own_country_first(app_factory):
    app = app_factory(region="AU")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert [rendered(w) for w in app.screen.query(".country")][0] == "Australia"


async def test_config_helplines_replace_the_defaults(app_factory):
    app = app_factory(helplines=(Helpline("Local line [b]", "0123 456", hours="Mon-Fri"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert not app.screen.query("#defaults-note")
        lines = [rendered(w) for w in app.screen.query(".helpline")]
        assert lines == ["Local line [b]\n  Call 0123 456\n  Mon-Fri"]  # literal text, never markup


async def test_open_now_across_the_day_boundary(app_factory):
    # Saturday 01:30: the Friday-night van is still open; the day clinic opens on Monday.
    app = app_factory(services=SERVICES, wall_clock=lambda: datetime(2026, 3, 7, 1, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert "Closed now. Opens Monday at 09:00" in rendered(service(app, 0))
        assert "Open now, until 02:00" in rendered(service(app, 1))
        assert "Open now, 24 hours" in rendered(service(app, 2))


async def test_opens_at_later_today(app_factory):
    app = app_factory(services=SERVICES, wall_clock=lambda: datetime(2026, 3, 4, 7, 45))  # Wednesday
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert "Closed now. Opens at 09:00" in rendered(service(app, 0))
        assert "Closed now. Opens Friday at 22:00" in rendered(service(app, 1))


async def test_filter_by_offer_with_keys_and_clicks(app_factory):
    app = app_factory(services=SERVICES, wall_clock=lambda: datetime(2026, 3, 4, 12, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert screen.offers == ["naloxone", "methadone", "buprenorphine", "needle-exchange"]
        visible = lambda: [n for n in range(3) if service(app, n).display]  # noqa: E731
        assert visible() == [0, 1, 2]
        await pilot.press("1")  # naloxone
        assert visible() == [1, 2]
        assert "Places that offer naloxone: 2 of 3" in rendered(screen.query_one("#filter-status", Static))
        assert screen.query_one("#filter-1").has_class("selected")
        await pilot.press("2")  # methadone
        assert visible() == [0]
        await pilot.press("9")  # no such offer here: nothing changes
        assert visible() == [0]
        await pilot.press("0")
        assert visible() == [0, 1, 2]
        assert await pilot.click("#filter-4")  # needle exchange
        await pilot.pause()
        assert visible() == [1]


async def test_example_config_shows_legal_note_and_naloxone_where(app_factory):
    config, errors = load_config(EXAMPLE)
    assert errors == []
    app = app_factory(config=config, wall_clock=lambda: datetime(2026, 3, 6, 23, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert len(screen.query(".service")) == 3
        assert "ambulance crews do not usually involve the police" in rendered(screen.query_one("#legal-note", Static))
        assert "free naloxone kits" in rendered(screen.query_one("#findhelp-naloxone", Static))
        assert [rendered(w) for w in screen.query(".helpline")][0].startswith("FRANK")
