"""Hostile content and config: every problem is named (file, line, what was expected) by `kiosk --check`;
the kiosk starts on whatever is valid, never shows a traceback, and shows markup as the literal text it is."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import CONTENT
from support import home_key, route, screen_text

from kiosk.cli import main
from kiosk.data.config import Config, load_config
from kiosk.data.content import ContentPack
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.page import PageScreen

MARKUP = "[@click=app.quit]x[/]"  # would quit the app when clicked, if it were read as markup
CLOSER = "[/]"  # would raise a MarkupError
STYLED = "[bold red]loud[/bold red] [link=file:///etc/passwd]l[/link]"
HOSTILE = f"{MARKUP} {CLOSER} {STYLED}"


@pytest.fixture
def pack(tmp_path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(CONTENT, root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    return next(n for n, text in enumerate(raw.splitlines(), 1) if needle in text)


def check(capsys, *args: str) -> str:
    assert main(["--check", *args]) == 1
    return capsys.readouterr().out



async def visit_everything(app, pilot) -> str:
    """Every topic and page reachable from home, then Emergency, Find help and a search.
    Returns all the text that was on screen. Any exception in the app fails the test."""
    seen = []
    await pilot.pause()
    seen.append(screen_text(app))
    for n in range(1, 10):
        await pilot.press("home", str(n))
        await pilot.pause()
        seen.append(screen_text(app))
        if not isinstance(app.screen, PageScreen):
            for m in range(1, 10):
                before = app.screen
                await pilot.press(str(m))
                await pilot.pause()
                if app.screen is not before:
                    seen.append(screen_text(app))
                    await pilot.press("backspace")
    await pilot.press("home", "e")
    await pilot.pause()
    assert isinstance(app.screen, EmergencyScreen)
    seen.append(screen_text(app))
    await pilot.press("home", "f")
    await pilot.pause()
    assert isinstance(app.screen, FindHelpScreen)
    seen.append(screen_text(app))
    await pilot.press("home", "slash", *"click")
    await pilot.pause()
    seen.append(screen_text(app))
    assert app.is_running
    text = "\n".join(seen)
    assert "\x1b" not in text  # no escape character from a file reaches the terminal
    return text


# Malformed TOML, wrong types, unknown keys, missing and non-UTF-8 files --------------------
def test_malformed_toml_names_file_and_line(pack, capsys):
    page = pack / "pages" / "symptoms-core.toml"
    edit(page, 'summary = "', 'summary = "unterminated\nsources_x = 1\n#"')
    out = check(capsys, "--content", str(pack))
    line = line_of(page, "summary =")
    assert re.search(rf"pages/symptoms-core\.toml:{line}: expected valid TOML", out), out


def test_wrong_types_each_named_with_their_line(pack, capsys):
    page = pack / "pages" / "what-is.toml"
    edit(page, 'title = "What is heroin dependence?"', "title = 42")
    edit(page, "reviewed = 2026-11-27", 'reviewed = "last week"')
    edit(page, 'keywords = [', 'keywords = [1, ')
    out = check(capsys, "--content", str(pack))
    assert f"what-is.toml:{line_of(page, 'title = 42')}: title: expected a string in quotes, got a whole number" in out
    assert f"what-is.toml:{line_of(page, 'reviewed =')}: reviewed: expected" in out
    assert f"what-is.toml:{line_of(page, 'keywords =')}: keywords" in out


def test_unknown_keys_in_content_and_config(pack, tmp_path, capsys):
    page = pack / "pages" / "books.toml"
    edit(page, "[[sections]]", "[[sections]]\ncolour = \"red\"")
    config = tmp_path / "kiosk.toml"
    config.write_text('idle_secs = 30\n\n[[helplines]]\nname = "Line"\nnumber = "123"\nemail = "a@b"\n', encoding="utf-8")
    out = check(capsys, "--content", str(pack), "--config", str(config))
    assert f"books.toml:{line_of(page, 'colour =')}: sections[1].colour: unknown key" in out
    assert f"{config}:1: idle_secs: unknown key" in out
    assert f"{config}:6: helplines[1].email: unknown key" in out


def test_missing_files_are_named(pack, tmp_path, capsys):
    (pack / "pages" / "research-themes.toml").unlink()
    (pack / "emergency.toml").unlink()
    out = check(capsys, "--content", str(pack), "--config", str(tmp_path / "nope.toml"))
    assert f"pack.toml:{line_of(pack / 'pack.toml', 'research-themes')}: topics" in out
    assert "no file pages/research-themes.toml" in out
    assert f"{pack / 'emergency.toml'}: file not found" in out
    assert f"{tmp_path / 'nope.toml'}: file not found" in out
    assert check(capsys, "--content", str(tmp_path / "no-such-pack")).count("pack.toml: file not found") == 1


def test_non_utf8_files_name_the_line(pack, tmp_path, capsys):
    page = pack / "pages" / "books.toml"
    raw = page.read_bytes().replace(b"Books", b"Livres \xe9t\xe9", 1)
    page.write_bytes(raw)
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b'mode = "kiosk"\n\nlegal_note = "caf\xe9"\n')
    out = check(capsys, "--content", str(pack), "--config", str(config))
    bad_line = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    assert f"books.toml:{bad_line}: expected UTF-8 text" in out
    assert f"{config}:3: expected UTF-8 text" in out


def test_a_byte_order_mark_is_accepted(pack, tmp_path, capsys):
    """Windows editors save UTF-8 with a BOM; that is still valid UTF-8 text."""
    page = pack / "pages" / "books.toml"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b'\xef\xbb\xbfmode = "kiosk"\n')
    assert main(["--check", "--content", str(pack), "--config", str(config)]) == 0, capsys.readouterr().out
    assert load_config(config)[0].mode == "kiosk"


def test_huge_strings_and_files(pack, tmp_path, capsys):
    page = pack / "pages" / "books.toml"
    edit(page, 'body = """', 'body = """\n' + "word " * 10_000 + "\n")
    other = pack / "pages" / "what-to-bring.toml"
    other.write_text(other.read_text(encoding="utf-8") + "\n# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'welcome_title = "{"W" * 5000}"\n', encoding="utf-8")
    out = check(capsys, "--content", str(pack), "--config", str(config))
    assert re.search(r"books\.toml:\d+: sections\[1\]\.body: expected at most 20000 characters, got \d+", out), out
    assert "what-to-bring.toml: expected at most 1000000 bytes" in out
    assert f"{config}:1: welcome_title: expected at most 60 characters, got 5000" in out


def test_control_and_escape_characters_are_reported_and_removed(pack, tmp_path, capsys):
    page = pack / "pages" / "what-is.toml"
    edit(page, 'title = "What is heroin dependence?"', r'title = "What is \u001b[2J\u001b]0;owned\u0007heroin\u0000 dependence?"')
    config = tmp_path / "kiosk.toml"
    config.write_text('[[helplines]]\nname = "Line\\u001b[31m red"\nnumber = "123"\n', encoding="utf-8")
    out = check(capsys, "--content", str(pack), "--config", str(config))
    assert f"what-is.toml:{line_of(page, 'title =')}: title: expected plain text; control or escape characters were removed" in out
    assert f"{config}:2: helplines[1].name: expected plain text" in out
    config_obj, _ = load_config(config)
    assert config_obj.helplines[0].name == "Line[31m red"  # shown, harmless: no ESC left


def test_raw_control_bytes_in_a_file_are_a_toml_error_with_a_line(pack, capsys):
    page = pack / "pages" / "books.toml"
    raw = page.read_bytes().replace(b"Books", b"Bo\x00oks", 1)
    page.write_bytes(raw)
    out = check(capsys, "--content", str(pack))
    line = raw[: raw.index(b"\x00")].count(b"\n") + 1
    assert f"books.toml:{line}: expected valid TOML" in out


# The kiosk runs on what is valid --------------------------------------------------------------
def break_everything(pack: Path, tmp_path: Path) -> Config:
    """One of each kind of problem, all at once. Returns the (partly valid) config."""
    edit(pack / "pages" / "symptoms-core.toml", 'summary = "', 'summary = "unterminated\n')  # malformed
    edit(pack / "pages" / "what-is.toml", 'title = "What is heroin dependence?"', "title = 42")  # wrong type
    (pack / "pages" / "research-themes.toml").unlink()  # missing
    books = pack / "pages" / "books.toml"
    books.write_bytes(books.read_bytes().replace(b"Books", b"Livres \xe9t\xe9", 1))  # not UTF-8
    edit(pack / "pages" / "treatment-other.toml", "[[sections]]", "[[sections]]\ncolour = 1")  # unknown key
    edit(pack / "emergency.toml", "intro = ", "intro = 7\nx = ")  # broken emergency: the built-in fallback
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'mode = "kiosk"\nidle_seconds = "soon"\nbogus = 1\n'
        '[[helplines]]\nname = "Good line"\nnumber = "0800 123"\n'
        '[[helplines]]\nname = 5\nnumber = "1"\n', encoding="utf-8")
    cfg, errors = load_config(config)
    assert errors and cfg.mode == "kiosk" and [h.name for h in cfg.helplines] == ["Good line"]
    return cfg


async def test_kiosk_starts_on_what_is_valid_and_never_shows_a_traceback(pack, tmp_path, app_factory):
    config = break_everything(pack, tmp_path)
    app = app_factory(content=pack, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await visit_everything(app, pilot)
        assert "Symptoms" in text and "How it is assessed" in text  # valid topics still there
        assert "Good line" in text  # the valid helpline
        assert "Call your local emergency number" in text  # the built-in emergency fallback
        await pilot.press("home", "1")  # the broken page: a calm message, no crash
        assert isinstance(app.screen, HomeScreen)
    assert app.pack.errors  # recorded for the administrator, not shown to the visitor


async def test_kiosk_starts_with_a_broken_manifest(pack, app_factory):
    (pack / "pack.toml").write_text("[pack\ntitle = 'x'\n", encoding="utf-8")
    app = app_factory(content=pack, mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # kiosk mode: the welcome screen; any key starts a visit
        assert isinstance(app.screen, HomeScreen)
        assert "Find help" in screen_text(app)
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)


# Markup is shown literally, in every text field --------------------------------------------
def markup_everywhere(pack: Path) -> None:
    """Put HOSTILE into every text field of the pack: manifest, a page (all fields), emergency."""
    manifest = pack / "pack.toml"
    edit(manifest, 'title = "Heroin dependence"', f'title = "{HOSTILE[:70]}"')
    edit(manifest, 'subtitle = "', f'subtitle = "{HOSTILE} ')
    edit(manifest, 'title = "Symptoms"', f'title = "Symptoms {MARKUP}"')
    edit(manifest, 'summary = "Common signs', f'summary = "{CLOSER} Common signs')
    page = pack / "pages" / "symptoms-core.toml"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'^title = "(.*)"$', rf'title = "\1 {MARKUP}"', text, count=1, flags=re.M)
    text = re.sub(r'^summary = "', f'summary = "{HOSTILE} ', text, count=1, flags=re.M)
    text = re.sub(r'^heading = "', f'heading = "{CLOSER} ', text, count=1, flags=re.M)
    text = text.replace('body = """\n', f'body = """\n{HOSTILE}\n\n- bullet {MARKUP}\n  - sub {CLOSER}\n\n', 1)
    text = re.sub(r'^sources = \[', f'sources = [\n    "{HOSTILE}",', text, count=1, flags=re.M)
    text = re.sub(r'^keywords = \[', 'keywords = ["clickme", ', text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    emergency = pack / "emergency.toml"
    edit(emergency, 'intro = "', f'intro = "{CLOSER} ')
    edit(emergency, "signs = [\n", f'signs = [\n  "{MARKUP} {CLOSER}",\n')  # signs: one short line each
    edit(emergency, 'steps = [\n  "', f'steps = [\n  "{MARKUP} step ')  # the first step: 7 is the most


def hostile_config() -> Config:
    from kiosk.data.config import Helpline, Service

    return Config(
        mode="kiosk", welcome_title=MARKUP, welcome_text=HOSTILE, legal_note=HOSTILE, naloxone_where=HOSTILE,
        helplines=(Helpline(f"Line {MARKUP}", "0800 111", hours=HOSTILE, offers=CLOSER, text=STYLED),),
        services=(Service(f"Clinic {CLOSER}", address=HOSTILE, phone="0800 222", notes=MARKUP),),
    )


def test_markup_is_valid_content_for_check(pack, capsys):
    markup_everywhere(pack)
    assert main(["--check", "--content", str(pack)]) == 0, capsys.readouterr().out


async def test_markup_in_every_field_is_shown_literally_and_clicking_it_does_nothing(pack, app_factory):
    markup_everywhere(pack)
    app = app_factory(content=pack, config=hostile_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        welcome = screen_text(app)  # kiosk mode: the welcome screen shows the config's words
        assert MARKUP in welcome and HOSTILE in welcome
        await pilot.press("space")
        home = screen_text(app)
        assert "[@click=app.quit]x" in home and "Symptoms [@click=app.quit]x[/]" in home
        assert "[/] Common signs" in home
        await pilot.press(*route(app.pack, "symptoms-core"))
        assert isinstance(app.screen, PageScreen)
        body = app.screen.query_one("#page-body")
        page = ""
        for _ in range(12):  # read the whole page, a screenful at a time
            page += screen_text(app)
            body.scroll_page_down(animate=False)
            await pilot.pause()
        for literal in (HOSTILE, f"bullet {MARKUP}", f"sub {CLOSER}", f"{CLOSER} "):
            assert literal in page, literal
        # Clicking on the would-be link must not quit.
        await pilot.press("home", *route(app.pack, "symptoms-core"))
        for y, line in enumerate(screen_text(app).splitlines()):
            if "[@click" in line:
                await pilot.click(offset=(line.index("[@click") + 1, y))
                await pilot.click(offset=(line.index("]x[/]") + 1, y))
        assert app.is_running
        await pilot.press("home", "e")
        emergency = screen_text(app)
        assert f"{MARKUP} {CLOSER}" in emergency and f"{MARKUP} step" in emergency
        await pilot.press("home", "f")
        helpers = screen_text(app)
        assert f"Line {MARKUP}" in helpers and f"Clinic {CLOSER}" in helpers
        await pilot.press("home", "slash", *"clickme")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await visit_everything(app, pilot)


# The installed command in a real terminal ----------------------------------------------------
def test_installed_kiosk_on_broken_content_and_config_in_a_terminal(pack, tmp_path):
    from support import KIOSK, Terminal, needs_tmux

    if needs_tmux.args[0]:
        pytest.skip(needs_tmux.kwargs["reason"])
    break_everything(pack, tmp_path)
    edit(pack / "pack.toml", 'title = "Symptoms"', f'title = "Symptoms {MARKUP}"')
    term = Terminal(["sh", "-c", f"exec {KIOSK} --content {pack} --config {tmp_path / 'kiosk.toml'}; sleep 30"])
    try:
        term.wait_for("Press any key to start")  # kiosk mode (from the config)
        time.sleep(0.5)  # a person reads before pressing; keys sent mid-start-up can be lost
        term.send("Space")
        home = term.wait_for("How it is assessed")
        assert "Symptoms [@click=app.quit]x[/]" in home
        term.send(home_key(ContentPack(pack), "topic:about"))  # the page with the wrong type: a calm message, not a crash
        term.wait_for("not available")
        term.send("e")
        screen = term.wait_for("Call your local emergency number")
        assert "Traceback" not in screen
        term.send("Home")
        term.wait_for("How it is assessed")
        term.send("f")
        term.wait_for("Good line")
        assert term.alive()
    finally:
        term.close()


async def test_places_without_offers_open_find_help(app_factory):
    """Found by the hostile config: Find help crashed when no place listed any `offers`."""
    from kiosk.data.config import Service

    app = app_factory(services=(Service("Clinic", address="1 High St"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)
        assert "Clinic" in screen_text(app)
