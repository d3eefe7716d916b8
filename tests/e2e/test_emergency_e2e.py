"""End-to-end: the installed `kiosk` command in tmux at 80x24; Emergency from a topic page,
with a deployment config, then into the step-by-step guide."""

from __future__ import annotations

import sys
import time

import pytest
from support import KIOSK, Terminal, needs_tmux, route, shipped_pack

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
    treatment, medication = route(shipped_pack(), "treatment-medication")
    term.send(treatment)
    term.wait_for("Lifestyle and self-management")  # the Treatment menu
    term.send(medication)
    page = term.wait_for("Methadone is a long-acting opioid agonist")
    assert "Signs of an overdose" not in page
    term.send("e")
    screen = term.wait_for("Signs of an overdose")
    assert "If you aren't sure, treat it as an overdose" in screen
    assert "2. Call: 999 now. Put the phone on speaker." in screen  # the config's region
    assert "Guide me step by step" in screen and "Naloxone: how to use it" in screen
    assert "Traceback" not in screen
    term.send("g")
    screen = term.wait_for("Step 1 of 10")
    assert "Shout their name." in screen
    term.send("BSpace", "BSpace")
    term.wait_for("Methadone is a long-acting opioid agonist")
    term.send("F12")  # the config's extra emergency key
    term.wait_for("Signs of an overdose")


# The installed kiosk with its dose clock running SCALE times faster (make_app's `clock`, as the
# Pilot tests inject it): the makers' fixed 2-minute wait takes 15 s. Everything else is real:
# the terminal, the keys, the one-second tick, the bell.
SCALE = 8.0
SCALED_KIOSK = f"""import sys, time
from kiosk import factory
start, make = time.monotonic(), factory.make_app
factory.make_app = lambda *a, **k: make(*a, clock=lambda: start + (time.monotonic() - start) * {SCALE}, **k)
from kiosk.entry import main
sys.exit(main())
"""


@pytest.fixture
def scaled_term(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('region = "UK"\n')
    terminal = Terminal([sys.executable, "-c", SCALED_KIOSK, "--config", str(config)])
    yield terminal
    terminal.close()


def test_dose_timer_follows_the_bystander_home_and_rings_on_another_screen(scaled_term):
    """In a real terminal: a dose given in the guide, then Home and a content page; two minutes
    (on the dose clock: 15 s here) later the next-dose prompt appears on that page with the
    terminal bell, and `d` there restarts the countdown."""
    term = scaled_term
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)
    term.send("e")
    term.wait_for("Signs of an overdose")
    term.send("g")
    term.wait_for("Step 1 of 10")
    term.send(*["Enter"] * 4)
    term.wait_for("Give naloxone")
    term.send("d")
    term.wait_for("Next dose in")
    term.send("Home")
    term.wait_for("What is heroin dependence?")
    screen = term.wait_for("Naloxone given ")  # the new screen's top bar takes up the clock on its next tick
    assert "Naloxone given " in screen.splitlines()[0] and "What is heroin dependence?" in screen
    term.send(*route(shipped_pack(), "what-is"))
    term.wait_for("This app uses")  # a content page
    assert bell_flag(term) == "0"
    screen = term.wait_for("since the last dose. Still not breathing normally?", timeout=60)
    assert "next dose NOW" in screen.splitlines()[0]
    assert "This app uses" in screen  # still on the page the bystander was reading
    assert "d  I gave another dose" in screen
    assert bell_flag(term) == "1"  # the terminal bell rang
    term.send("d")
    screen = term.wait_for("next dose in 1:")  # counting down again (1:52, 1:44 ... at 8 s a tick)
    assert "since the last dose" not in screen
    assert "This app uses" in screen


def bell_flag(term) -> str:
    return term._tmux("display-message", "-p", "-t", term.name, "#{window_bell_flag}").strip()
