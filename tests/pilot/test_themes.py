"""Themes: chosen from config/--theme/NO_COLOR/colour depth; emergency stays the most prominent thing."""

from __future__ import annotations

import pytest
from conftest import CONTENT
from support import route, shipped_pack
from textual.color import Color

from kiosk import cli
from kiosk.data.config import THEMES, Config
from kiosk.factory import make_app
from kiosk.ui.themes import NAMES, auto_theme, colour_count


# Choosing a theme --------------------------------------------------------------------------
@pytest.mark.parametrize("environ,expected", [
    ({"TERM": "xterm-256color"}, "default"),
    ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "default"),
    ({"TERM": "xterm-kitty"}, "default"),
    ({"TERM": "linux"}, "monochrome"),  # the Linux console: 16 colours
    ({"TERM": "vt100"}, "monochrome"),
    ({"TERM": "dumb"}, "monochrome"),
    ({}, "monochrome"),
    ({"TERM": "xterm-256color", "NO_COLOR": "1"}, "monochrome"),
    ({"TERM": "xterm-256color", "NO_COLOR": ""}, "monochrome"),  # set at all counts, as Textual does
])
def test_default_theme_becomes_monochrome_without_colour(environ, expected):
    assert auto_theme("default", environ) == expected


@pytest.mark.parametrize("name", ["high-contrast", "monochrome"])
def test_a_chosen_theme_is_kept_whatever_the_terminal(name):
    assert auto_theme(name, {"TERM": "linux", "NO_COLOR": "1"}) == name
    assert auto_theme(name, {"TERM": "xterm-256color"}) == name


def test_colour_count_follows_rich():
    assert colour_count({"TERM": "screen-256color"}) == 256
    assert colour_count({"TERM": "linux"}) == 16
    assert colour_count({"COLORTERM": "24bit", "TERM": "linux"}) == 1 << 24


@pytest.mark.parametrize("name", THEMES)
async def test_config_theme_is_applied(app_factory, name):
    app = app_factory(theme=name)
    async with app.run_test(size=(80, 24)):
        assert app.theme == NAMES[name]
        assert f"-theme-{NAMES[name]}" in app.classes


def test_cli_passes_theme_and_auto_choice_to_the_app(monkeypatch, tmp_path):
    seen = {}

    class FakeApp:
        return_code = 0
        cleared_on_exit = False

        def run(self):
            pass

        def silence(self):  # the CLI stops any speech once the app has run (issue 17)
            pass

    def fake_make_app(content, config):
        seen["theme"] = config.theme
        return FakeApp()

    monkeypatch.setattr("kiosk.factory.make_app", fake_make_app)
    monkeypatch.setattr(cli, "clean_environment", lambda: None)  # it would drop pytest's TEXTUAL_* too
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    config = tmp_path / "kiosk.toml"
    config.write_text('theme = "high-contrast"\n', encoding="utf-8")
    assert cli.main(["--config", str(config)]) == 0
    assert seen["theme"] == "high-contrast"
    assert cli.main(["--theme", "monochrome", "--config", str(config)]) == 0
    assert seen["theme"] == "monochrome"
    assert cli.main([]) == 0
    assert seen["theme"] == "default"
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.main([]) == 0
    assert seen["theme"] == "monochrome"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("COLORTERM")
    monkeypatch.setenv("TERM", "linux")
    assert cli.main([]) == 0
    assert seen["theme"] == "monochrome"


# Emergency stays the most prominent thing -------------------------------------------------
def luminance(color: Color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(widget):
    style = widget.rich_style
    fg = Color.from_rich_color(style.color)
    bg = Color.from_rich_color(style.bgcolor)
    return fg, bg, style


@pytest.mark.parametrize("name", THEMES)
async def test_emergency_bar_is_bold_readable_and_stands_out(app_factory, name):
    app = app_factory(theme=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        button = app.screen.query_one("#emergency-button")
        fg, bg, style = colours(button)
        screen_bg = Color.from_rich_color(app.screen.rich_style.bgcolor)
        assert style.bold
        assert button.region.y == 0 and button.region.width >= 40  # top row, most of it
        assert contrast(fg, bg) >= 4.5  # readable (WCAG AA)
        assert contrast(bg, screen_bg) >= 3.0  # the bar stands out from the page (non-text contrast)
        heading_fg, heading_bg, _ = colours(app.screen.query_one("#heading"))
        # The heading never competes with it: the emergency bar differs more from the page.
        assert contrast(bg, screen_bg) > contrast(heading_bg, screen_bg)


async def test_monochrome_uses_only_black_and_white_and_keeps_the_bar_buttons_apart(app_factory):
    app = app_factory(theme="monochrome")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        e_fg, e_bg, e_style = colours(app.screen.query_one("#emergency-button"))
        q_fg, q_bg, q_style = colours(app.screen.query_one("#quick-exit-button"))
        for color in (e_fg, e_bg, q_fg, q_bg):
            assert color.hex in ("#000000", "#FFFFFF")
        assert e_bg.hex == "#FFFFFF" and e_fg.hex == "#000000"  # the reversed row
        assert q_bg.hex == "#000000" and q_fg.hex == "#FFFFFF" and q_style.bold
        menu = app.screen.query_one("#home-menu")
        assert {menu.rich_style.bgcolor.triplet.hex.upper(), menu.rich_style.color.triplet.hex.upper()} <= {"#000000", "#FFFFFF"}


async def test_high_contrast_body_text_is_at_least_7_to_1(app_factory):
    app = app_factory(theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "what-is"))
        await pilot.pause()
        for selector in ("#heading", ".summary", ".block"):
            fg, bg, _ = colours(app.screen.query(selector).first())
            assert contrast(fg, bg) >= 7.0, selector


# How they look (80x24; update with --snapshot-update only after looking) ------------------
def themed(name: str):
    return make_app(content=CONTENT, config=Config(theme=name))


@pytest.mark.parametrize("name", THEMES)
def test_snapshot_home(snap_compare, name):
    assert snap_compare(themed(name), terminal_size=(80, 24))


@pytest.mark.parametrize("name", THEMES)
def test_snapshot_page(snap_compare, name):
    assert snap_compare(themed(name), press=route(shipped_pack(), "symptoms-core"), terminal_size=(80, 24))


@pytest.mark.parametrize("name", THEMES)
def test_snapshot_emergency(snap_compare, name):
    assert snap_compare(themed(name), press=["e"], terminal_size=(80, 24))


def test_snapshot_emergency_with_a_local_number_monochrome(snap_compare):
    app = make_app(content=CONTENT, config=Config(theme="monochrome", region="UK"))
    assert snap_compare(app, press=["e"], terminal_size=(80, 24))


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
async def test_welcome_screen_leads_with_emergency(app_factory, name, size):
    """Issue 26: on the welcome screen `e` was a muted line at the very bottom. Now a bold bar across
    the top says what it is for, naming no drug or topic (passers-by see this screen)."""
    from support import screen_lines, topic_words_in

    app = app_factory(theme=name, mode="kiosk")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#welcome-bar")
        fg, bg, style = colours(bar)
        screen_bg = Color.from_rich_color(app.screen.rich_style.bgcolor)
        assert bar.region.y == 0 and bar.region.width == size[0] and style.bold
        assert contrast(fg, bg) >= 4.5 and contrast(bg, screen_bg) >= 3.0
        top = " ".join(" ".join(screen_lines(app)[:bar.region.height]).split())
        assert "isn't breathing? Press e" in top and "e Emergency" in top
        assert topic_words_in("\n".join(screen_lines(app))) == []


async def test_welcome_bar_names_the_overdose_where_the_deployer_chooses(app_factory):
    from support import screen_lines

    app = app_factory(mode="kiosk", welcome_emergency="overdose")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Overdose? Press e for what to do now" in screen_lines(app)[1]
