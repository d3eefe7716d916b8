"""The key registry (kiosk/data/keys.py): one place says which keys are taken and what they do;
`kiosk --check` refuses an extra emergency key that is taken, and the app acts on the rest."""

from __future__ import annotations

import pytest
from support import FakeClock

from kiosk.cli import main
from kiosk.data import keys
from kiosk.data.config import load_config
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.idle_warning import IdleWarning
from kiosk.ui.screens.search import SearchScreen


@pytest.mark.parametrize("written, textual", [
    ("ctrl+alt+f11", "alt+ctrl+f11"), ("Ctrl+Alt+F11", "alt+ctrl+f11"), ("F12", "f12"), ("shift+ctrl+x", "ctrl+shift+x"),
])
def test_normalise_writes_keys_as_textual_sends_them(written, textual):
    assert keys.normalise(written) == textual


@pytest.mark.parametrize("key, meaning", [
    ("f", "Find help"), ("ctrl+x", "Administrator exit"), ("escape", "Quick exit"), ("g", "Guide me"),
    ("3", "Pick"), ("0", "Show"), ("tab", "moving"), ("ctrl+c", "Nothing"),
])
def test_taken_keys_have_a_meaning(key, meaning):
    assert meaning in (keys.meaning(key) or "")


@pytest.mark.parametrize("key", ["f12", "alt+ctrl+f11", "z", "ctrl+alt+e"])
def test_free_keys_have_none(key):
    assert keys.meaning(key) is None


def test_check_refuses_taken_emergency_keys_naming_their_meaning(tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text('region = "UK"\nemergency_keys = ["f", "ctrl+x", "f12", "ctrl+alt+f11"]\n')
    assert main(["--check", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert f"{config}:2: emergency_keys[1]: expected a key the kiosk does not already use; 'f' is taken: Find help" in out
    assert f"{config}:2: emergency_keys[2]: expected a key the kiosk does not already use; 'ctrl+x' is taken: Administrator exit" in out
    loaded, _ = load_config(config)
    assert loaded.emergency_keys == ("f12", "alt+ctrl+f11")  # the free ones kept, as Textual names them


async def test_a_taken_key_keeps_its_meaning_and_free_keys_open_emergency(app_factory):
    app = app_factory(emergency_keys=("f", "ctrl+alt+f11", "z"))  # built without --check: f must stay Find help
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)
        await pilot.press("z")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("backspace", "slash", "z")  # a letter key types while typing
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one("#search-input").value == "z"
        await pilot.press("alt+ctrl+f11")  # a named key works while typing
        assert isinstance(app.screen, EmergencyScreen)


async def test_a_configured_key_opens_emergency_through_the_idle_warning_first_time(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, emergency_keys=("ctrl+alt+f11",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await pilot.press("alt+ctrl+f11")
        assert isinstance(app.screen, EmergencyScreen)


def test_every_binding_comes_from_the_registry():
    """No key string is written in a screen, a widget or the app: they all ask the registry."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "kiosk"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if p.name != "bindings.py" and re.search(r"\bBinding\(", p.read_text(encoding="utf-8"))]
    assert offenders == [], ("write keys in kiosk/data/keys.py (a group in GROUPS, with PLACES) and use "
                             "kiosk.ui.bindings.bindings(group) for BINDINGS; found Binding(...) in: " + ", ".join(offenders))
