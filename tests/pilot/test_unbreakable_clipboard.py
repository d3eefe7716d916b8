"""Issue 16 item 14: personal mode's quick exit clears what the visit copied to the clipboard (OSC 52)."""

from __future__ import annotations


async def test_quick_exit_clears_text_copied_in_personal_mode(app_factory):
    app = app_factory()
    written = []
    async with app.run_test(size=(80, 24)) as pilot:
        original = app._driver.write
        app._driver.write = lambda data: (written.append(data), original(data))
        app.copy_to_clipboard("naloxone where to get it")  # as Ctrl+C on selected text does
        await pilot.press("escape")
    osc52 = [w for w in written if w.startswith("\x1b]52;")]
    assert osc52[-2:] == ["\x1b]52;c;\a", "\x1b]52;c;IA==\a"]  # cleared, then overwritten with a space
    assert app._clipboard == ""


async def test_nothing_copied_nothing_sent(app_factory):
    app = app_factory()
    written = []
    async with app.run_test(size=(80, 24)) as pilot:
        original = app._driver.write
        app._driver.write = lambda data: (written.append(data), original(data))
        await pilot.press("escape")
    assert not [w for w in written if w.startswith("\x1b]52;")]
