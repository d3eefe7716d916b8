"""End-to-end (tmux, the installed `kiosk`): quick exit from the crisis screen leaves nothing on the
terminal, in kiosk mode and in personal mode; on Find help a filter key keeps its places on
screen (issue 11)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from support import APP_WORDS, needs_tmux, topic_words_in, wait_exit_status

EXAMPLE = Path(__file__).resolve().parents[2] / "kiosk" / "deploy" / "example-config.toml"
CRISIS_WORDS = ("harming", "suicide", "samaritans", "crisis", "116 123")


pytestmark = needs_tmux


def left_over(everything: str):
    lowered = everything.lower()
    return topic_words_in(everything) + [w for w in CRISIS_WORDS if w in lowered] + \
        [w for w in APP_WORDS if w in everything]


# (mode, region, what the region's crisis screen must show: its line and its emergency number)
CRISIS_VISITS = [
    ("kiosk", "UK", ("Free from any phone", "If you are in danger now, call 999.")),
    ("personal", "US", ("988 Suicide & Crisis Lifeline", "If you are in danger now, call 911.")),
]


@pytest.mark.parametrize("mode, region, shows", CRISIS_VISITS, ids=[v[0] for v in CRISIS_VISITS])
def test_crisis_screen_then_quick_exit(run_in_tmux, tmp_path, mode, region, shows):
    config = tmp_path / "config.toml"
    config.write_text(f'mode = "{mode}"\nregion = "{region}"\n', encoding="utf-8")
    t = run_in_tmux(f"--config {config}")
    if mode == "kiosk":
        t.wait_for("Press any key to start")
        t.send("Space")
    t.wait_for("Quick exit")
    t.send("f")
    t.wait_for("Thinking of harming yourself?")
    t.send("h")
    screen = t.wait_for("If you are in danger now")
    assert [text for text in shows if text not in screen] == [], screen
    t.send("Escape")
    if mode == "kiosk":  # a new visit's welcome screen; personal mode ends the app
        t.wait_for("Press any key to start")
    else:
        assert wait_exit_status(t) == 0
    assert left_over(t.screen(scrollback=True)) == [], t.screen(scrollback=True)


def places_with_status(screen: str, names) -> bool:
    """Each named place on screen, the line under its name saying whether it is open."""
    lines = [re.sub("[\u2580-\u259f]+$", "", line.rstrip()).strip() for line in screen.splitlines()]  # no scrollbar
    return all(name in lines and lines.index(name) + 1 < len(lines) and
               lines[lines.index(name) + 1].startswith(("Open now", "Closed now")) for name in names)


@pytest.mark.parametrize("width", [80, 40])
def test_a_filter_key_right_after_end_keeps_the_places_on_screen(run_in_tmux, width):
    """End glides to the bottom for a second; a filter key pressed during the glide used to be
    overtaken by it, leaving the places it picked off screen."""
    t = run_in_tmux(f"--config {EXAMPLE}")
    t.resize(width, 24)
    t.wait_for("Quick exit")
    t.send("f")
    t.wait_for("Show places that offer")
    t.send("End", "4")  # one burst: 4 (needle exchange) arrives while End still glides
    names = ("Station Road Pharmacy", "Night Shelter Outreach")
    deadline = time.monotonic() + 10
    while not places_with_status(t.screen(), names):
        assert time.monotonic() < deadline, t.screen()
        time.sleep(0.05)
    settle = time.monotonic() + 1.5  # longer than the glide: the places must stay, not flash past
    while time.monotonic() < settle:
        assert places_with_status(t.screen(), names), t.screen()
        time.sleep(0.05)
    assert "Places that offer needle exchange: 2 of 3" in " ".join(t.screen().split())
