"""End-to-end (tmux, the installed `kiosk`): quick exit from the crisis screen leaves nothing on the
terminal, in kiosk mode and in personal mode (issue 11)."""

from __future__ import annotations

import shlex

import pytest
from privacy_support import topic_words_in
from test_e2e_kiosk_mode import (
    APP_WORDS,
    EXIT_MARK,
    KIOSK,
    Tmux,
    pytestmark,  # noqa: F401 - the same skip marks (tmux, installed kiosk)
)

CRISIS_WORDS = ("harming", "suicide", "samaritans", "crisis", "116 123")


@pytest.fixture
def kiosk_in_tmux(tmp_path):
    """Start the installed kiosk with `args` in tmux; the shell prints its exit status."""
    sessions = []

    def start(args: str) -> Tmux:
        command = "sh -c " + shlex.quote(f"{shlex.quote(str(KIOSK))} {args}; echo {EXIT_MARK}$?")
        sessions.append(Tmux(tmp_path, command))
        return sessions[-1]

    yield start
    for session in sessions:
        session.close()


def left_over(everything: str):
    lowered = everything.lower()
    return topic_words_in(everything) + [w for w in CRISIS_WORDS if w in lowered] + \
        [w for w in APP_WORDS if w in everything]


def test_crisis_screen_then_quick_exit_in_kiosk_mode(kiosk_in_tmux, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('mode = "kiosk"\nregion = "UK"\n', encoding="utf-8")
    t = kiosk_in_tmux(f"--config {config}")
    t.wait_for("Press any key to start")
    t.keys("Space")
    t.wait_for("Quick exit")
    t.keys("f")
    t.wait_for("Thinking of harming yourself?")
    t.keys("h")
    screen = t.wait_for("If you are in danger now")
    assert "If you are in danger now, call 999." in screen and "Free from any phone" in screen
    t.keys("Escape")
    t.wait_for("Press any key to start")
    assert left_over(t.everything()) == [], t.everything()


def test_crisis_screen_then_quick_exit_in_personal_mode(kiosk_in_tmux, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('region = "US"\n', encoding="utf-8")
    t = kiosk_in_tmux(f"--config {config}")
    t.wait_for("Quick exit")
    t.keys("f")
    t.wait_for("Thinking of harming yourself?")
    t.keys("h")
    screen = t.wait_for("If you are in danger now")
    assert "988 Suicide & Crisis Lifeline" in screen
    assert "If you are in danger now, call 911." in screen
    t.keys("Escape")
    assert t.wait_exit_status() == 0
    assert left_over(t.everything()) == [], t.everything()
