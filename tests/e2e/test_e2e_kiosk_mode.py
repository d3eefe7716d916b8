"""End-to-end: the INSTALLED `kiosk` command in a real terminal (tmux), kiosk and personal mode.

Skipped cleanly when tmux or the installed command is missing. Polls the pane for what a person
would see (a real process needs real time to draw); no fixed sleeps.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from support import APP_WORDS, needs_tmux, route, shipped_pack, topic_words_in, wait_exit_status

pytestmark = needs_tmux


def test_kiosk_mode_quick_exit_leaves_nothing_and_lockdown_keys_do_nothing(run_in_tmux):
    t = run_in_tmux("--mode kiosk")
    t.wait_for("Press any key to start")
    assert topic_words_in(t.screen()) == []
    t.send("Space")
    t.wait_for("Quick exit")
    symptoms, core = route(shipped_pack(), "symptoms-core")
    t.send(symptoms)
    t.wait_for("Variations and subtypes")  # the Symptoms menu (home shows "1-9 Pick" too)
    t.send(core)
    page = t.wait_for("Related pages")
    assert topic_words_in(page)  # a page about the topic is on screen
    t.send("/")
    t.wait_for("Results appear as you type")
    t.type("relapse")
    t.wait_for("found")
    t.send("Escape")
    t.wait_for("Press any key to start")
    everything = t.screen(scrollback=True)
    assert topic_words_in(everything) == [], everything
    assert "relapse" not in everything.lower()
    assert not any(word in everything for word in APP_WORDS)

    # Keys a walk-up user tries to get out: the process lives on, still on the kiosk.
    pid = t.child_pid()
    for key in ("C-c", "C-z", "C-\\", "C-q", "C-d", "F1", "q"):
        t.send(key)
    time.sleep(0.3)  # a signal's effect is not drawn on screen: give it time to act
    assert t.alive()
    os.kill(pid, 0)
    state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] if Path(f"/proc/{pid}/stat").exists() else "R"
    assert state not in ("T", "t", "Z")  # not stopped, not dead
    t.send("Escape")
    t.wait_for("Press any key to start")
    t.send("Space")
    t.wait_for("Quick exit")  # and it still answers
    t.send("Escape")
    t.wait_for("Press any key to start")

    # systemd stop: a clean exit, terminal restored, nothing of the visit left.
    os.kill(pid, signal.SIGTERM)
    assert wait_exit_status(t) == 0
    everything = t.screen(scrollback=True)
    assert topic_words_in(everything) == [] and not any(word in everything for word in APP_WORDS)
    assert list(t.home.iterdir()) == []  # nothing written to HOME


def test_kiosk_mode_terminal_gone_ends_the_process(run_in_tmux):
    """SIGHUP (the pty closes) ends the app: the hang trap (SIGCONT race) must not keep it alive."""
    t = run_in_tmux("--mode kiosk", wrap=False)
    t.wait_for("Press any key to start")
    t.send("Space")
    t.wait_for("Quick exit")
    pid = t.child_pid()
    t.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the kiosk hung after its terminal went away")


def test_personal_mode_esc_ends_the_app_and_leaves_the_terminal_clear(run_in_tmux):
    t = run_in_tmux("")
    t.wait_for("Quick exit")
    symptoms, core = route(shipped_pack(), "symptoms-core")
    t.send(symptoms)
    t.wait_for("Variations and subtypes")  # the Symptoms menu (home shows "1-9 Pick" too)
    t.send(core)
    t.wait_for("Related pages")
    t.send("Escape")
    assert wait_exit_status(t) == 0
    everything = t.screen(scrollback=True)
    assert topic_words_in(everything) == [], everything
    assert not any(word in everything for word in APP_WORDS), everything
