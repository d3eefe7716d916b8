"""End-to-end (issue 17): the installed `kiosk --practice` in tmux at 80x24: PRACTICE on every
screen, the guide, the CPR coach's visible beat, and quick exit."""

from __future__ import annotations

import time

import pytest
from support import needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]


@pytest.fixture
def term(tmp_path, run_in_tmux):
    config = tmp_path / "kiosk.toml"
    config.write_text('region = "US"\naddress = "12 High Street, side door"\n')
    return run_in_tmux(f"--practice --config {config}", wrap=False)


def test_practice_guide_and_coach_in_the_installed_kiosk(term):
    screen = term.wait_for("What is heroin dependence?")
    assert "PRACTICE" in screen
    time.sleep(0.5)  # a person reads before pressing; keys sent mid-start-up can be lost
    term.send("e")
    term.wait_for("Signs of an overdose")
    screen = term.wait_for("v  Voice")  # the row of ways on may stack for a frame before it fits
    assert "PRACTICE" in screen
    term.send("g")
    term.wait_for("Step 1 of 10")
    term.send("Enter")
    screen = term.wait_for("What to say on the call")
    assert "12 High Street, side door" in screen and "PRACTICE" in screen
    term.send("Enter")
    term.wait_for("Step 3 of 10")
    term.send("c")
    screen = term.wait_for("CPR coach: push with the beat")
    assert "PRACTICE" in screen and "5 to 6 cm" in screen and "cushion" in screen
    seen = set()
    deadline = time.monotonic() + 10
    while len(seen) < 2 and time.monotonic() < deadline:  # the marker alternates with the beat
        screen = term.screen()
        seen |= {mark for mark in ("████████", "░░░░░░░░") if mark in screen}
        time.sleep(0.1)
    assert seen == {"████████", "░░░░░░░░"}
    assert "Traceback" not in term.screen()
    term.send("Escape")  # quick exit: the coach and everything go at once
    deadline = time.monotonic() + 5
    while term.alive() and "CPR coach" in term.screen() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not term.alive() or "CPR coach" not in term.screen()
