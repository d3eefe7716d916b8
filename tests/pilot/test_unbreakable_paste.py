"""Issue 22 item 7: a stray bracketed-paste start (`ESC[200~` with no end) froze every key but a
lone Esc, across visits; with the kitty keyboard protocol (Esc arrives as `ESC[27u`) nothing
recovered. An unended paste ends by itself; Esc in either form ends it at once. Tested where the
input really flows (KeyReader, fed as the terminal delivers it) and in a kiosk-mode app."""

from __future__ import annotations

import time

import pytest
from textual import events

from kiosk.terminal import driver
from kiosk.terminal.driver import KeyReader


def keys(messages) -> list:
    return [m.key for m in messages if isinstance(m, events.Key)]


def wait_out(reader: KeyReader, seconds: float) -> list:
    """What the input thread's select loop would deliver while `seconds` pass with no input."""
    out: list = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.02)
        out += reader.tick()
    return out


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(driver, "PASTE_IDLE_SECONDS", 0.2, raising=False)


def test_a_paste_left_open_ends_by_itself():
    reader = KeyReader()
    got = reader.feed(b"\x1b[200~stray")
    got += wait_out(reader, 0.4)
    assert [m.text for m in got if isinstance(m, events.Paste)] == ["stray"]
    assert keys(reader.feed(b"e")) == ["e"]  # keys are keys again


@pytest.mark.parametrize("esc", [b"\x1b[27u", b"\x1b[27;1u", b"\x1b"], ids=["kitty", "kitty-mods", "plain"])
def test_esc_in_any_form_ends_an_open_paste_at_once(esc):
    reader = KeyReader()
    reader.feed(b"\x1b[200~stray")
    got = reader.feed(esc) + wait_out(reader, 0.15)
    assert "escape" in keys(got)
    assert keys(reader.feed(b"e")) == ["e"]


def test_a_paste_in_pieces_is_one_paste():
    reader = KeyReader()
    got = reader.feed(b"\x1b[200~first ")
    got += wait_out(reader, 0.05)
    got += reader.feed(b"second\x1b[201~e")
    assert [m.text for m in got if isinstance(m, events.Paste)] == ["first second"] and keys(got) == ["e"]


async def test_after_a_stray_paste_start_e_still_opens_emergency(app_factory):
    app = app_factory(mode="kiosk")
    reader = KeyReader()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        for message in reader.feed(b"\x1b[200~"):
            app._driver.process_message(message)
        for message in wait_out(reader, 0.4) + reader.feed(b"e"):
            app._driver.process_message(message)
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "EmergencyScreen"


@pytest.mark.parametrize("cut", [b"\x1b[99", b"\x1bP9;2", b"\x1bO"], ids=["csi", "dcs", "ss3"])
def test_a_sequence_cut_short_by_a_paste_never_comes_out_after_it(cut):
    """A paste's start marker ends the sequence in progress. Left pending inside the parser, it came
    out as keys ('[', '9', '9' ...) in front of the Esc that ended the paste, and after it the
    reader no longer gave a lone Esc as just the Esc key (input fuzz seed 3686139906)."""
    reader = KeyReader()
    reader.feed(cut + b"\x1b[200~stray")
    wait_out(reader, 0.05)
    assert keys(reader.feed(b"\x1b") + wait_out(reader, 0.15)) == ["escape"]
    assert keys(reader.feed(b"e")) == ["e"]


def test_an_esc_just_before_a_paste_is_still_the_esc_key():
    reader = KeyReader()
    got = reader.feed(b"\x1b\x1b[200~stray\x1b[201~")
    assert keys(got) == ["escape"] and [m.text for m in got if isinstance(m, events.Paste)] == ["stray"]
