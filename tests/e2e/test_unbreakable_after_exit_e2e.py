"""Issue 22 item 9 in a real terminal: a key, Esc, `e` in one burst (a visitor starting, thinking
better of it, then needing Emergency) reach Emergency, every time."""

from __future__ import annotations

import time

import pytest
from support import needs_tmux
from test_unbreakable_e2e import WELCOME

pytestmark = needs_tmux
GUIDE = "Guide me step by step"  # only on the Emergency screen (the top bar says EMERGENCY everywhere)


@pytest.mark.parametrize("first", ["a", "2", "Space"])
def test_a_key_then_esc_then_e_in_one_burst_reaches_emergency(kiosk_tmux, first):
    t = kiosk_tmux("--mode kiosk")
    t.wait_for(WELCOME)
    for _ in range(3):
        t.keys(first, "Escape", "e")
        t.wait_for(GUIDE)
        time.sleep(0.3)  # nothing more may happen after it
        assert GUIDE in t.screen() and "Pick" not in t.screen()
        t.keys("Escape")
        t.wait_for(WELCOME)
