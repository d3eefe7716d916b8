"""End-to-end: the installed kiosk under TERM=linux in a real terminal (tmux) draws only
characters of the Linux console font, at 40 columns and at a 1024x768 console's 128x48."""

from __future__ import annotations

import pytest
from support import KIOSK, Terminal, home_key, needs_tmux, shipped_pack

from kiosk.ui.glyphs import console_code_points

pytestmark = [needs_tmux, pytest.mark.slow]
FONT = console_code_points()


def not_in_font(screen: str) -> str:
    return "".join(sorted({c for c in screen if c != "\n" and ord(c) not in FONT}))


@pytest.mark.parametrize("width,height", [(128, 48), (40, 20)])
def test_term_linux_draws_only_console_font_characters(tmp_path, width, height):
    # env -i: only TERM=linux and PATH (a COLUMNS/LINES from the test runner would fix the size).
    command = f"cd {tmp_path} && exec env -i TERM=linux HOME={tmp_path} PATH=/usr/bin:/bin {KIOSK}; sleep 30"
    t = Terminal(["sh", "-c", command], width=width, height=height)
    try:
        home = t.wait_for("Quick exit")
        t.wait_for("1-9 Pick")
        assert not_in_font(home) == ""
        t.send(home_key(shipped_pack(), "topic:research"))  # Research: a topic with two pages
        t.wait_for("Key research themes")
        topic = t.wait_for("Backspace Back")  # the key hints come a frame after the menu
        assert "⌫" not in topic and not_in_font(topic) == ""
        t.send("e")
        t.wait_for("Guide me")
        t.send("g")
        guide = t.wait_for("Enter Next")
        assert "⏎" not in guide and not_in_font(guide) == ""
        t.send("BSpace")
        t.wait_for("Signs of an overdose")
        t.send("/")
        t.wait_for("Type a word")
        t.type("naloxone")
        search = t.wait_for("found")
        assert "┌" in search and not_in_font(search) == ""  # the field's border: box drawing
    finally:
        t.close()
