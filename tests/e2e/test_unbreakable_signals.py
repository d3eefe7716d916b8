"""Issue 22 item 3: no signal a local shell can send (SIGUSR1, SIGALRM, ... every one whose default
action ends the process) ends the kiosk or leaves the terminal in the alternate screen with mouse
reporting on; SIGTERM still ends it cleanly, the terminal restored."""

from __future__ import annotations

import os
import signal
import time

import pytest
from support import EXIT_MARK, needs_tmux
from test_unbreakable_e2e import EMERGENCY, HOME, WELCOME

# Every signal whose default action ends the process, except SIGKILL (cannot be caught), the
# terminal's own (SIGINT, SIGQUIT, SIGHUP: handled elsewhere), SIGTERM (a clean stop, on purpose)
# and the faults a program cannot ignore and go on (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT).
ENDING = [name for name in ("SIGUSR1", "SIGUSR2", "SIGALRM", "SIGPIPE", "SIGVTALRM", "SIGPROF", "SIGPOLL",
                            "SIGIO", "SIGXCPU", "SIGXFSZ", "SIGPWR", "SIGSTKFLT", "SIGTRAP", "SIGSYS")
          if hasattr(signal, name)]


def test_every_stray_signal_is_in_the_list():
    from kiosk.entry import STRAY_SIGNALS

    assert set(ENDING) <= set(STRAY_SIGNALS)


def ignored(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(status.read().split("SigIgn:")[1].split()[0], 16)


@needs_tmux
@pytest.mark.parametrize("mode", ["kiosk", "personal"])
def test_stray_signals_neither_end_the_kiosk_nor_leave_the_terminal_broken(kiosk_tmux, mode):
    t = kiosk_tmux(f"--mode {mode}")
    t.wait_for(WELCOME if mode == "kiosk" else HOME)
    pid = t.kiosk_pid()
    for name in ENDING:
        os.kill(pid, getattr(signal, name))
    time.sleep(0.3)  # nothing to wait for: a signal that ends the process does so at once
    everything = t.everything()
    assert EXIT_MARK not in everything and "Traceback" not in everything, everything
    assert t.value("#{alternate_on}") == "1"
    mask = ignored(pid)
    assert all(mask & (1 << (getattr(signal, name) - 1)) for name in ENDING)
    t.keys("Space" if mode == "kiosk" else "Home")
    t.keys("e")
    t.wait_for(EMERGENCY)
    os.kill(pid, signal.SIGTERM)  # the one way out from outside: the terminal is given back
    t.wait_for(EXIT_MARK, scrollback=True)
    assert t.value("#{alternate_on}") == "0" and t.value("#{mouse_any_flag}") == "0"
    assert t.value("#{mouse_standard_flag}") == "0"
