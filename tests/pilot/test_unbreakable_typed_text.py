"""Issue 22 items 8 and "U+FFFF": nothing typed or pasted into a field reaches the terminal raw.
A paste of `ESC]2;title BEL` set the terminal's title for the next visitor, `ESC[?1049l` dropped the
alternate screen, OSC 8 links went through; U+FFFF / U+10FFFF misaligned the line. Every field
(search, a checklist note, the administrator's secret) keeps only text that draws as itself.
Fed through the kiosk's real input path (KeyReader), as the terminal delivers it."""

from __future__ import annotations

import unicodedata

import pytest
from textual.widgets import Input

from kiosk.data.secret import hash_secret
from kiosk.terminal.driver import KeyReader

HOSTILE_PASTE = ("\x1b]2;Call 0800 FAKE\x07x\x1b[?1049l\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
                 "\x9b31m\x7f\x00\x08\u202e\uffff\U0010ffff\ufdd0\ud800y")
TYPED = "a\uffffb\U0010ffffc".encode("utf-8", "surrogatepass")  # raw keys, not a paste


def drawn_raw(value: str) -> list:
    """Characters a terminal would act on or draw at a width the kiosk did not expect."""
    return [c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn")]


def test_clean_text_keeps_words_and_drops_sequences_whole():
    from kiosk.ui.widgets.bounded_input import clean_text

    assert clean_text("naloxone \x1b[31mnow\x1b[0m") == "naloxone now"
    assert clean_text("\x1b]2;Call 0800 FAKE\x07after") == "after"
    assert clean_text("año señal 😀 中文") == "año señal 😀 中文"
    assert drawn_raw(clean_text(HOSTILE_PASTE)) == []


async def feed(app, pilot, data: bytes) -> None:
    reader = KeyReader()
    for message in reader.feed(data):
        app._driver.process_message(message)
    await pilot.pause()


async def reach_search(app, pilot):
    await pilot.press("space", "slash")
    return app.screen.query_one("#search-input", Input)


async def reach_note(app, pilot):
    await pilot.press("space", "c")
    note = app.screen.query(Input).first()
    note.focus()
    await pilot.pause()
    return note


async def reach_admin(app, pilot):
    await pilot.press("ctrl+x")
    return app.screen.query_one("#admin-secret", Input)


@pytest.mark.parametrize("reach", [reach_search, reach_note, reach_admin], ids=["search", "note", "admin"])
async def test_pasted_and_typed_text_is_cleaned_in_every_field(app_factory, reach):
    app = app_factory(mode="kiosk", exit_secret_hash=hash_secret("x", iterations=1000))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = await reach(app, pilot)
        await feed(app, pilot, b"\x1b[200~" + HOSTILE_PASTE.encode("utf-8", "surrogatepass") + b"\x1b[201~")
        await feed(app, pilot, TYPED)
        value = field.value
        assert drawn_raw(value) == [] and "\x1b" not in value, repr(value)
        assert value == "xlinkyabc", repr(value)  # the words themselves stay, once
