"""Issue 22 item 11: keys typed while the kiosk is still starting (an old PC takes seconds; a person
in a hurry does not wait) sit in the terminal in its cooked mode, which stores Enter (CR) as a
newline (ICRNL). Read raw once the kiosk runs, the newline was Ctrl+J and did nothing: `e g Enter
Enter` typed at once ended on step 1 of the guide, every time. A newline is Enter."""

from __future__ import annotations

import time

from kiosk.terminal.driver import KeyReader


def keys_read(data: bytes) -> list:
    reader = KeyReader()
    got = reader.feed(data)
    time.sleep(0.02)  # past the escape delay: whatever is pending is a key
    return [m.key for m in got + reader.tick() if hasattr(m, "key")]


def test_enter_typed_before_raw_mode_is_enter():
    assert keys_read(b"eg\n\n") == ["e", "g", "enter", "enter"]


def test_enter_in_raw_mode_is_still_enter():
    assert keys_read(b"\r") == ["enter"]
