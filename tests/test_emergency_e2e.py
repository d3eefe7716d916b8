"""End-to-end: the installed `kiosk` command in tmux at 80x24; Emergency from a topic page,
with a deployment config, then into the step-by-step guide."""

from __future__ import annotations

import time

import pytest
from tmuxterm import KIOSK, Terminal, needs_tmux

pytestmark = needs_tmux


@pytest.fixture
def term(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('region = "UK"\nemergency_keys = ["f12"]\n')
    terminal = Terminal([str(KIOSK), "--config", str(config)])
    yield terminal
    terminal.close()


def test_emergency_opens_from_a_topic_page_in_the_installed_kiosk(term):
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)  # a person reads before pressing; keys sent mid-start-up can be lost
    term.send("6")
    term.wait_for("Lifestyle and self-management")  # the Treatment menu
    term.send("4")
    page = term.wait_for("Methadone is a long-acting opioid agonist")
    assert "Signs of an overdose" not in page
    term.send("e")
    screen = term.wait_for("Signs of an overdose")
    assert "If you aren't sure, treat it as an overdose" in screen
    assert "2. Call: 999 now." in screen  # the config's region
    assert "Guide me step by step" in screen and "Naloxone: how to use it" in screen
    assert "Traceback" not in screen
    term.send("g")
    screen = term.wait_for("Step 1 of 8")
    assert "Shout their name." in screen
    term.send("BSpace", "BSpace")
    term.wait_for("Methadone is a long-acting opioid agonist")
    term.send("F12")  # the config's extra emergency key
    term.wait_for("Signs of an overdose")
