"""Drug alerts from staff (issue 29): `[[alerts]]` in the config, shown at the top of Home and as
one line on the first Emergency screen while current by the kiosk's own (injected) clock; in the
visitor's language; kept through quick exit and idle reset; read aloud on Emergency; `kiosk --check`
names file, line and what was expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import CONTENT
from support import FakeClock, screen_text

from kiosk.cli import run_check
from kiosk.data.alerts import ALERT_WIDTH
from kiosk.data.config import load_config
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.shared_terminal.kiosk_mode import WELCOME

EN = "Strong batch reported this week: use less, don't use alone, carry naloxone."
ES = "Tanda fuerte esta semana: use menos, no consuma a solas, lleve naloxona."
CONFIG = f'''region = "{{region}}"
languages = ["en", "es"]
{{extra}}
[[alerts]]
text = {{{{ en = "{EN}", es = "{ES}" }}}}
since = 2026-12-01
until = 2026-12-31
'''
DURING = dt.datetime(2026, 12, 31, 23, 59)  # the last day is still shown
AFTER = dt.datetime(2027, 1, 1, 0, 0)
BEFORE = dt.datetime(2026, 11, 30, 12, 0)


def config(tmp_path: Path, region: str = "US", extra: str = "", body: str = ""):
    path = tmp_path / "kiosk.toml"
    path.write_text(body or CONFIG.format(region=region, extra=extra), encoding="utf-8")
    cfg, errors = load_config(path)
    assert errors == [] or body, errors
    return cfg


def shown(app) -> str:
    return " ".join(screen_text(app).split())  # a wrapped alert reads as one line


@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
async def test_a_current_alert_is_on_home_and_emergency(app_factory, tmp_path, size):
    app = app_factory(config=config(tmp_path), wall_clock=lambda: DURING)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")  # past the welcome screen (two languages offered)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#drug-alert").region.y <= 3  # at the top, under the title
        assert EN in shown(app)
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert EN in shown(app)


@pytest.mark.parametrize("when", [AFTER, BEFORE], ids=["expired", "not-started"])
async def test_an_alert_out_of_its_dates_is_not_shown(app_factory, tmp_path, when):
    app = app_factory(config=config(tmp_path), wall_clock=lambda: when)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert "Strong batch" not in screen_text(app) and not app.screen.query("#drug-alert")
        assert "Plain-language information" in screen_text(app)  # the subtitle is back in its place
        await pilot.press("e")
        assert "Strong batch" not in screen_text(app)
        assert "Local alert" not in app.screen.spoken_text()


@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
async def test_the_visitor_reads_the_alert_in_their_language(app_factory, tmp_path, size):
    app = app_factory(config=config(tmp_path), wall_clock=lambda: DURING)
    async with app.run_test(size=size) as pilot:
        await pilot.press("l")  # the welcome screen's language key: Spanish
        await pilot.press("space")
        assert isinstance(app.screen, HomeScreen)
        assert ES in shown(app) and "Strong batch" not in shown(app)
        await pilot.press("e")
        assert ES in shown(app) and "Strong batch" not in shown(app)


@pytest.mark.parametrize("region, lang", [("US", "en"), ("US", "es"), ("EU", "en"), ("", "en"), ("", "es")])
async def test_the_first_emergency_screen_still_fits_80x24_with_the_alert(app_factory, tmp_path, region, lang):
    extra = 'naloxone_where = "Front desk: ask any member of staff"\n' + (f'language = "{lang}"\n')
    body = CONFIG.format(region=region, extra=extra)
    if not region:
        body = body.replace('region = ""\n', "")
    app = app_factory(config=config(tmp_path, body=body), wall_clock=lambda: DURING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        body_widget = app.screen.query_one("#emergency-body")
        assert body_widget.max_scroll_y == 0, screen_text(app)  # everything, the ways on included, without scrolling
        assert (EN if lang == "en" else ES) in screen_text(app)  # on one line at 80 columns


async def test_quick_exit_and_idle_reset_leave_the_alert(app_factory, tmp_path):
    clock = FakeClock()
    cfg = config(tmp_path, extra='mode = "kiosk"\n')
    app = app_factory(config=cfg, clock=clock, wall_clock=lambda: DURING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert EN in shown(app)
        await pilot.press("escape")  # quick exit: the visit is wiped, the staff's alert is not visit data
        assert app.current_mode == WELCOME and "Strong batch" not in screen_text(app)  # the neutral screen stays neutral
        await pilot.press("space")
        assert isinstance(app.screen, HomeScreen) and EN in shown(app)
        for _ in range(2):  # the idle warning, then the reset
            clock.advance(200)
            app.idle.fire()
            await pilot.pause()
        assert app.current_mode == WELCOME
        await pilot.press("space")
        assert isinstance(app.screen, HomeScreen) and EN in shown(app)
        await pilot.press("e")
        assert EN in shown(app)


async def test_the_alert_is_read_aloud_on_emergency_after_the_steps(app_factory, tmp_path):
    app = app_factory(config=config(tmp_path), wall_clock=lambda: DURING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e")
        said = app.screen.spoken_text()
        assert said.endswith(f"Local alert: {EN}")
        assert said.index("Call 911") < said.index("Local alert")  # the number and the steps come first


LONG_ES = "Tanda muy fuerte reportada esta semana en el barrio: use mucho menos, no consuma a solas."
BAD = f'''region = "US"

[[alerts]]
text = "{EN}"
until = 2026-12-31

[[alerts]]
text = "No end date given."

[[alerts]]
text = {{ en = "{EN}", es = "{LONG_ES}" }}
until = 2027-01-31

[[alerts]]
text = "Over."
until = 2026-11-30
'''


def test_check_names_file_line_and_what_was_expected(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text(BAD, encoding="utf-8")
    assert run_check(CONTENT, path, today=dt.date(2026, 12, 10)) == 1
    out = capsys.readouterr().out
    assert f"{path}:7: alerts[2].until: missing; expected the last day to show the alert, a date like 2026-12-31" in out
    assert (f"{path}:11: alerts[3].text.es: expected an alert that fits one line at 80x24: at most {ALERT_WIDTH} "
            f"characters, got {len(LONG_ES)}") in out
    assert f"{path}:14: alerts[4].until: this alert ended on 2026-11-30 and is no longer shown" in out
    assert "1 warning (the kiosk runs; check this):" in out and "2 problems found:" in out
    cfg, _ = load_config(path)
    assert [a.until for a in cfg.alerts] == [dt.date(2026, 12, 31), dt.date(2027, 1, 31), dt.date(2026, 11, 30)]
    cut = cfg.in_language("es").alerts[1].text
    assert len(cut) == ALERT_WIDTH and cut.endswith("…")  # still shown, cut to its one line


def test_an_expired_alert_only_warns(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text('region = "US"\n\n[[alerts]]\ntext = "Over."\nuntil = 2026-11-30\n', encoding="utf-8")
    assert run_check(CONTENT, path, today=dt.date(2026, 12, 10)) == 0
    out = capsys.readouterr().out
    assert f"{path}:3: alerts[1].until: this alert ended on 2026-11-30" in out and "OK: no problems found." in out
    assert run_check(CONTENT, path, today=dt.date(2026, 11, 30)) == 0  # its last day: shown, no warning
    assert "warning" not in capsys.readouterr().out
