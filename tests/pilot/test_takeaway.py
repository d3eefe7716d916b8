"""The take-away: the text it builds (pure) and the screens, with the QR code read back off the
screen as the user sees it and decoded by the independent decoder in test_qr.py."""

from __future__ import annotations

from pathlib import Path

from support import decode_matrix, read_drawing, screen_lines

from kiosk.data import qr
from kiosk.data.config import Config, Helpline, Service
from kiosk.data.helplines import load_default_helplines
from kiosk.data.selfcheck import load_selfcheck
from kiosk.data.takeaway import build_text, checklist_entry, default_choice, entries, helpline_entries, shorter
from kiosk.ui.screens.takeaway import QRScreen, TakeawayScreen
from kiosk.ui.widgets.menu import Menu
from kiosk.ui.widgets.tick import Tick

CONTENT = Path(__file__).resolve().parents[2] / "content"
ITEMS = load_selfcheck(CONTENT).checklist
DEFAULTS = [(g.country, h) for g in load_default_helplines(CONTENT)[0].groups for h in g.helplines]

LOCAL = Config(
    helplines=(Helpline("Local line", "0800 123 456", hours="9-5"),),
    services=(Service("Riverside clinic", address="1 River St\nTown", phone="01234 567890"),),
)


# --- the text (pure) --------------------------------------------------------------------------

def test_built_in_helplines_follow_the_region_and_fall_back_to_all():
    uk = helpline_entries(Config(region="UK"), DEFAULTS)
    assert [e.full for e in uk] == ["Samaritans (UK): 116 123 (24 hours, every day)",
                                    "FRANK (UK): 0300 123 6600, text 82111 (24 hours, every day)",
                                    "NHS 111, mental health option (England) (UK): 111 (24 hours, every day)"]
    assert len(helpline_entries(Config(), DEFAULTS)) == len(DEFAULTS) >= 4
    assert len(helpline_entries(Config(region="EU"), DEFAULTS)) == len(DEFAULTS)  # none built in for the EU
    canada = helpline_entries(Config(region="CA"), DEFAULTS)
    assert [e.short for e in canada] == ["9-8-8 Suicide Crisis Helpline (Canada) 988",
                                         "National Overdose Response Service (if you use alone) (Canada) 1-888-688-6677"]


def test_config_replaces_the_defaults():
    found = entries(LOCAL, ITEMS, {}, DEFAULTS)
    assert [e.key for e in found] == ["helpline:0", "service:0"]
    text = build_text(found, ["helpline:0", "service:0"])
    assert text == "Local line: 0800 123 456 (9-5)\nRiverside clinic: 01234 567890, 1 River St, Town"
    assert "http" not in text and "www" not in text


def test_checklist_only_when_ticked_and_with_notes():
    assert checklist_entry(ITEMS, {}) is None
    entry = checklist_entry(ITEMS, {"medicines": "methadone 60 mg", "last-use": ""})
    assert entry.full == "To bring:\n- Last used\n- Medicines: methadone 60 mg"  # in the list's order
    assert entry.short == "Bring: Last used; Medicines (methadone 60 mg)"


def test_default_choice_takes_helplines_that_fit_not_the_checklist():
    found = entries(Config(region="UK"), ITEMS, {"medicines": "x"}, DEFAULTS)
    assert default_choice(found, qr.fits) == ["helpline:0", "helpline:1"]


def test_shorter_uses_short_forms_then_fewer_entries():
    found = entries(LOCAL, ITEMS, {"medicines": "methadone 60 mg daily"})
    keys = [e.key for e in found]
    assert not qr.fits(build_text(found, keys))
    new_keys, compact = shorter(found, keys, qr.fits)
    assert new_keys == keys and compact  # the short forms are enough here
    assert qr.fits(build_text(found, new_keys, compact))
    # A long checklist is kept first (it exists nowhere else); then what still fits.
    found = entries(LOCAL, ITEMS, {"medicines": "methadone 60 mg daily and pregabalin at night"})
    new_keys, compact = shorter(found, [e.key for e in found], qr.fits)
    assert (new_keys, compact) == (["helpline:0", "checklist"], False)  # these two fit in full
    assert qr.fits(build_text(found, new_keys, compact))
    # Nothing fits: an empty selection, never an unreadable code.
    found = entries(LOCAL, ITEMS, {k: "n" * 60 for k in ("medicines", "last-use", "health")})
    assert shorter(found, ["checklist"], qr.fits) == ([], True)


def test_shorter_keeps_a_selection_that_already_fits():
    found = entries(LOCAL, ITEMS, {})
    assert shorter(found, ["helpline:0"], qr.fits) == (["helpline:0"], False)


# --- the screens ------------------------------------------------------------------------------

def qr_lines_from_screen(app):
    """The QR code's cells as drawn on the 80x24 screen (not the widget's own idea of itself)."""
    region = app.screen.query_one("#qr-code").region
    lines = screen_lines(app)
    assert region.bottom <= len(lines) - 1  # above the footer: nothing of the code is cut off
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


async def test_home_to_qr_and_the_code_on_screen_decodes_to_the_text(app_factory):
    app = app_factory(config=LOCAL)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#home-menu", Menu)
        menu.focus()
        menu.highlighted = next(i for i in range(menu.option_count)
                                if menu.get_option_at_index(i).id == "screen:takeaway")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        await pilot.press("down", "space")  # add the service
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        expected = "Local line: 0800 123 456 (9-5)\nRiverside clinic: 01234 567890, 1 River St, Town"
        assert app.screen.text == expected
        matrix, *_ = read_drawing(qr_lines_from_screen(app))
        decoded, version, error = decode_matrix(matrix)
        assert decoded == expected
        # the same text is on screen for copying by hand
        shown = "\n".join(screen_lines(app))
        assert "Local line: 0800 123 456" in shown and "Riverside clinic:" in shown


async def test_longest_text_code_fits_80x24_and_decodes(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        text = "y" * qr.capacity()
        await app.push_screen(QRScreen(text))
        await pilot.pause()
        lines = qr_lines_from_screen(app)
        matrix, top, bottom, left, right = read_drawing(lines)
        assert decode_matrix(matrix)[0] == text
        assert top >= 2 and bottom >= 2 and left >= 4 and right >= 4


async def test_a_window_too_small_for_the_code_says_so_instead_of_cutting_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await app.push_screen(QRScreen("FRANK (UK): 0300 123 6600"))
        await pilot.pause()
        assert not app.screen.query_one("#qr-code").display
        shown = "\n".join(screen_lines(app))
        assert "too small to show the code" in shown and "FRANK (UK): 0300 123 6600" in shown
        assert "▀" not in shown
        # what a visitor can do (issue 26), not "make it at least 102x44", which they cannot
        assert "ask a member of staff to print" in " ".join(shown.split()) and "at least" not in shown
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QRScreen("FRANK (UK): 0300 123 6600"))
        await pilot.pause()
        assert app.screen.query_one("#qr-code").display
        assert not app.screen.query_one("#qr-too-small").display


async def test_too_long_says_so_and_offers_a_shorter_selection(app_factory):
    app = app_factory(config=LOCAL)
    app.visit.checklist.update({"medicines": "methadone 60 mg daily and pregabalin at night",
                                "last-use": "yesterday"})
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("takeaway")
        await pilot.pause()
        for key in ("service-0", "checklist"):
            tick = app.screen.query_one(f"#choice-{key}", Tick)
            if not tick.ticked:
                await pilot.click(f"#choice-{key}")
        await pilot.pause()
        status = str(app.screen.query_one("#takeaway-status").render())
        assert "Too long for one code" in status
        assert app.screen.query_one("#make-shorter").display
        await pilot.press("c")  # refused: no unreadable code is drawn
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        await pilot.press("x")
        await pilot.pause()
        assert "Fits in one code" in str(app.screen.query_one("#takeaway-status").render())
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, QRScreen)
        # the checklist is kept first (it exists nowhere else); the numbers no longer fit beside it
        assert app.screen.text == ("To bring:\n- Last used: yesterday\n"
                                   "- Medicines: methadone 60 mg daily and pregabalin at night")
        matrix, *_ = read_drawing(qr_lines_from_screen(app))
        assert decode_matrix(matrix)[0] == app.screen.text


async def test_nothing_picked_draws_nothing(app_factory):
    app = app_factory(config=LOCAL)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("takeaway")
        await pilot.pause()
        await pilot.press("space")  # untick the one default choice
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        assert "Nothing picked yet" in str(app.screen.query_one("#takeaway-status").render())


def test_snapshot_qr_screen(app_factory, snap_compare):
    app = app_factory(config=Config(region="UK"))
    app.visit.checklist.update({"last-use": "Tuesday", "medicines": "methadone 60 mg"})

    async def run_before(pilot):
        app.open_screen("takeaway")
        await pilot.pause()
        await pilot.click("#choice-checklist")
        await pilot.press("x", "c")  # too long in full: the shorter selection, then the code
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_snapshot_takeaway_choices(app_factory, snap_compare):
    app = app_factory(config=LOCAL)
    app.visit.checklist.update({"medicines": "methadone 60 mg daily and pregabalin at night"})

    async def run_before(pilot):
        app.open_screen("takeaway")
        await pilot.pause()
        await pilot.click("#choice-checklist")
        await pilot.click("#choice-service-0")
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
