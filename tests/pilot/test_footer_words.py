"""The footer's key hints read as a key then what it does: the words never repeat the key's own
name ("Home Home" was shown for the Home key), in any shipped language, at 80 and 40 columns."""

from __future__ import annotations

import pytest
from support import SHIPPED, route, screen_lines, wait_until

from kiosk.data import keys
from kiosk.data.ui_text import read_ui

LANGUAGES = {"en": SHIPPED, "es": SHIPPED / "es"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_hint_repeats_its_key(lang):
    words, errors, _ = read_ui(LANGUAGES[lang])
    assert errors == []
    repeats = []
    for group, specs in keys.GROUPS.items():
        for spec in specs:
            if spec.show and spec.description:
                shown = spec.display or spec.keys[0]
                word = words.get(f"keys.{spec.description}", spec.description)
                if word.casefold() == shown.casefold():
                    repeats.append(f"[{group}] {shown} {word}")
    assert repeats == []


@pytest.mark.parametrize("lang, home_words", [("en", "Home Main menu"), ("es", "Home Inicio")])
@pytest.mark.parametrize("width", [80, 40])
async def test_the_home_hint_reads_as_key_then_words(app_factory, lang, home_words, width):
    app = app_factory(languages=("en", "es"), language=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press(*route(app.pack, "symptoms-core"))
        # The footer lays its hints out after the page's first frame (blank for a frame on a loaded machine).
        await wait_until(pilot, lambda: screen_lines(app)[-1].strip() != "")
        footer = screen_lines(app)[-1]
        assert "Home Home" not in footer and "Inicio Inicio" not in footer
        assert home_words in footer  # on a page the Home hint fits even at 40 columns
        assert footer.split()[0] == "Home"  # shown first, as before
