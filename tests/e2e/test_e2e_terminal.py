"""End-to-end: the installed `kiosk` command in a real terminal (tmux), driven with keys."""

from __future__ import annotations

import time

import pytest
from support import KIOSK, Terminal, needs_tmux, route, shipped_pack

pytestmark = needs_tmux


@pytest.fixture
def term(tmp_path):
    # Started from an unrelated folder: the content must come from the installed package.
    terminal = Terminal(["sh", "-c", f"cd {tmp_path} && exec {KIOSK}; sleep 30"])
    yield terminal
    terminal.close()


def test_topic_page_then_emergency_then_quick_exit(term):
    home = term.wait_for("What is heroin dependence?")
    assert "e  EMERGENCY" in home and "Esc  Quick exit" in home
    time.sleep(0.5)  # a person reads before pressing; keys sent mid-start-up can be lost
    treatment, medication = route(shipped_pack(), "treatment-medication")
    term.send(treatment)
    term.wait_for("Lifestyle and self-management")  # the Treatment menu
    term.send(medication)
    page = term.wait_for("Methadone is a long-acting opioid agonist")
    assert "Esc  Quick exit" in page
    term.send("e")
    emergency = term.wait_for("treat it as an overdose")
    assert "emergency number" in emergency and "999" in emergency and "911" in emergency
    term.send("BSpace")
    term.wait_for("Methadone is a long-acting opioid agonist")
    term.send("Escape")
    # Personal mode: the app ends at once and takes its screen with it (alternate screen).
    for _ in range(100):
        if "EMERGENCY" not in term.screen(scrollback=True):
            break
        time.sleep(0.05)
    leftover = term.screen(scrollback=True)
    assert "EMERGENCY" not in leftover and "Methadone" not in leftover and "heroin" not in leftover.lower()


def test_search_in_a_real_terminal(term):
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)
    term.send("/")
    term.wait_for("Type a word")
    term.type("lofexidine")
    term.wait_for("result found")
    term.send("Enter")
    page = term.wait_for("Lofexidine can help")  # the first result's page, scrolled to the match
    assert "Type a word" not in page and "lofexidine" in page.lower()
