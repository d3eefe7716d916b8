"""End-to-end: a staff drug alert (issue 29) in the INSTALLED kiosk in a real terminal (tmux), by
the machine's own clock, kiosk mode: on Home and Emergency at 80x24 and 40x20, and still there after
quick exit. Polls the pane; no fixed sleeps."""

from __future__ import annotations

import pytest
from support import needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]

ALERT = "Bad batch at the station: use less, never alone."


def test_the_alert_shows_on_home_and_emergency_and_survives_quick_exit(run_in_tmux, tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'region = "UK"\n\n[[alerts]]\ntext = "{ALERT}"\nuntil = 2099-12-31\n\n'
                    '[[alerts]]\ntext = "Old alert, over."\nuntil = 2000-01-01\n', encoding="utf-8")
    t = run_in_tmux(f"--mode kiosk --config {path}")
    t.wait_for("Press any key to start")
    t.send("Space")
    home = t.wait_for(ALERT)  # one line at 80 columns, at the top of Home
    assert "Old alert" not in home
    t.send("e")
    emergency = t.wait_for("Signs of an overdose")
    assert ALERT in emergency
    t.send("Escape")  # quick exit: the visit goes, the staff's alert stays for the next one
    t.wait_for("Press any key to start")
    t.resize(40, 20)
    t.send("Space")
    home = t.wait_for("Bad batch at the station")
    assert "never alone." in home  # wrapped at 40 columns, whole
    t.send("e")
    t.wait_for("Call now")
    assert "Bad batch at the station" in t.screen()
