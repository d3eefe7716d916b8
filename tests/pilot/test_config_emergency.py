"""Deployment config for emergency and find help: `kiosk --check` names file, line, key and
what was expected; the running app keeps the good parts and never shows a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Digits

from kiosk.cli import main
from kiosk.data.config import load_config
from kiosk.data.emergency_fallback import FALLBACK, FALLBACK_TIMER
from kiosk.data.emergency_loader import load_emergency
from kiosk.data.helplines import load_default_helplines
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
EXAMPLE = ROOT / "kiosk" / "deploy" / "example-config.toml"

BAD = '''region = "UK"
emergency_keys = ["f12", "escape"]

[[helplines]]
name = "Line"
number = "call me"

[[services]]
name = "Good place"
offers = ["naloxone"]

[services.hours]
mon = "09:00-17:00"

[[services]]
name = "Bad place"
offers = ["naloxone", "hugs"]

[services.hours]
mon = "25:00-26:00"
tue = "09:00-17:00"
'''


def test_example_config_is_valid(capsys):
    assert main(["--check", "--config", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "1 helplines, 3 services" in out
    assert "OK: no problems found." in out


def test_check_names_file_line_key_and_expected(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    assert main(["--check", "--config", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2: emergency_keys[2]: expected a key the kiosk does not already use; 'escape' is taken: Quick exit (on every screen)" in out
    assert f"{bad}:6: helplines[1].number: expected a phone number such as" in out
    assert f"{bad}:17: services[2].offers[2]: expected one of:" in out
    assert f"{bad}:20: services[2].hours.mon: expected times from 00:00 to 24:00, got '25:00-26:00'" in out


async def test_running_app_uses_defaults_for_broken_parts(app_factory, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    config, errors = load_config(bad)
    assert errors
    assert config.emergency_keys == ("f12",)
    assert config.helplines == ()  # the broken helpline is left out: defaults are shown
    assert [s.name for s in config.services] == ["Good place", "Bad place"]
    assert config.services[1].hours == {"tue": "09:00-17:00"}
    assert config.services[1].offers == ("naloxone",)
    app = app_factory(config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        assert isinstance(app.screen, EmergencyScreen)
        assert app.screen.query_one("#call-digits", Digits).value == "999"
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)
        assert app.screen.query("#defaults-note")
        assert len(app.screen.query(".service")) == 2


def copy_content(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def test_shipped_emergency_and_helplines_are_valid():
    emergency, errors = load_emergency(CONTENT)
    assert errors == []
    assert [g.id for g in emergency.guides] == ["overdose", "spray", "injection", "injection-other"]
    assert emergency.timer.redose_after == 120
    assert all(step.source for g in emergency.guides for step in g.steps)
    defaults, errors = load_default_helplines(CONTENT)
    assert errors == []
    assert [g.country for g in defaults.groups] == ["USA", "Canada", "UK", "Ireland", "Australia", "New Zealand"]


def test_broken_timer_falls_back_and_keeps_the_rest(tmp_path):
    content = copy_content(tmp_path)
    path = content / "emergency.toml"
    path.write_text(path.read_text().replace("redose_after = 120", "redose_after = 30"))
    emergency, errors = load_emergency(content)
    assert [(e.key, e.expected) for e in errors] == [("timer.redose_after", "expected a whole number from 120 to 180, got 30")]
    assert errors[0].line is not None and "redose_after" in path.read_text().splitlines()[errors[0].line - 1]
    assert emergency.timer is FALLBACK_TIMER
    assert emergency.title == "Emergency: opioid overdose" and len(emergency.steps) == 7  # with the airway (issue 23)
    assert len(emergency.guide("overdose").steps) == 10


def test_broken_first_screen_falls_back_and_keeps_the_guides(tmp_path):
    content = copy_content(tmp_path)
    path = content / "emergency.toml"
    path.write_text(path.read_text().replace('steps_heading = "What to do, in order:"\n', ""))
    emergency, errors = load_emergency(content)
    assert any(e.key == "steps_heading" and "missing" in e.expected for e in errors)
    assert emergency.steps == FALLBACK.steps
    assert len(emergency.guide("spray").steps) == 8  # call, breathing, CPR, then its own 5


def test_a_number_left_out_of_the_table_is_still_its_regions_number(tmp_path):
    emergency, _ = load_emergency(CONTENT)
    assert emergency.number_for("IE") == "112"  # HSE: 112 or 999
    assert ("Ireland", "112") not in emergency.table() and ("EU", "112") in emergency.table()
    for em in (emergency, FALLBACK):  # the built-in fallback knows every region's number too
        assert {r: em.number_for(r) for r in ("US", "CA", "UK", "IE", "EU", "AU", "NZ")} == {
            "US": "911", "CA": "911", "UK": "999", "IE": "112", "EU": "112", "AU": "000", "NZ": "111"}
    content = copy_content(tmp_path)
    path = content / "emergency.toml"
    path.write_text(path.read_text().replace("in_table = false", 'in_table = "no"'))
    emergency, errors = load_emergency(content)
    assert [(e.key, e.expected) for e in errors] == [("numbers[7].in_table", "expected true or false, got 'no'")]
    assert errors[0].line is not None and "in_table" in path.read_text().splitlines()[errors[0].line - 1]


def test_guide_step_with_unknown_button_is_reported(tmp_path):
    content = copy_content(tmp_path)
    path = content / "emergency.toml"
    path.write_text(path.read_text().replace('show = ["dose", "doses"]', 'show = ["dose", "dooses"]', 1))
    _, errors = load_emergency(content)
    assert len(errors) == 1
    assert errors[0].key == "guides[1].steps[10].show[2]"  # counted from 1, as people count
    assert "expected one of: spray, injection, dose, doses, numbers, where" in errors[0].expected


async def test_broken_content_files_never_stop_the_app(app_factory, tmp_path, capsys):
    content = copy_content(tmp_path)
    (content / "emergency.toml").write_text("title = \"x\"\nsigns = ]\n")
    (content / "helplines.toml").write_text("[[helplines]]\nname = 1\n")
    app = app_factory(content=content, region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)  # the built-in fallback
        assert app.screen.query_one("#call-digits", Digits).value == "999"
        await pilot.press("g")
        assert app.screen.guide.steps  # fallback guide
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)
    assert main(["--check", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "emergency.toml:2: expected valid TOML" in out
    assert "helplines.toml:2: helplines[1].name: expected a string in quotes, got a whole number" in out


def test_injection_kit_in_the_config(tmp_path):
    from kiosk.data.config import load_config

    path = tmp_path / "kiosk.toml"
    path.write_text('region = "CA"\ninjection_kit = "prenoxad"\n')
    config, errors = load_config(path)
    assert errors == [] and config.injection_kit == "prenoxad"
    path.write_text('region = "CA"\ninjection_kit = "ampoules"\n')
    config, errors = load_config(path)
    assert config.injection_kit is None
    assert [(e.key, e.line) for e in errors] == [("injection_kit", 2)]
    assert "expected one of: prenoxad, other" in errors[0].expected
