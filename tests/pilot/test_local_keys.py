"""Answer keys follow each language's words (issue 27, point 1). In Spanish `s` meant "Omitir"
(skip): a Spanish speaker pressing `s` for "Sí" skipped every question. Now, in every language of
the pack, no key is the first letter of another choice's word on the same screen."""

from __future__ import annotations

import unicodedata
from typing import Dict, List, Tuple

import pytest
from conftest import CONTENT
from support import dose_in_the_guide, screen_text

from kiosk.data.keys import local_key
from kiosk.data.languages import available, open_pack
from kiosk.data.store import ContentStore
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.selfcheck import answer_keys


def initial(word: str) -> str:
    return unicodedata.normalize("NFD", word.strip().lstrip("¿¡"))[:1].lower()


def choice_sets(code: str) -> Dict[str, List[Tuple[str, str]]]:
    """Every screen where letters answer a question: (key, the choice's words) in language `code`."""
    store = ContentStore(open_pack(CONTENT, code))
    ui = store.ui
    check = store.selfcheck_file.selfcheck
    assert check is not None
    keys = answer_keys(code)
    yes = (local_key(code, "confirm_stop(True)", "y"), ui("guided.stop_yes"))
    dose_yes = (local_key(code, "confirm_dose(True)", "y"), ui("guided.dose_yes"))
    return {
        "self-check": [(keys[a], ui(f"selfcheck.answer_{a}")) for a in ("yes", "no", "skip")]
        + [(keys["prescribed"], check.prescribed_answer)],
        "guide: stop the timer?": [yes, ("n", ui("guided.stop_no"))],
        "guide and coach: another dose already?": [dose_yes, ("n", ui("guided.dose_no"))],
    }


@pytest.mark.parametrize("code", available(CONTENT))
def test_no_key_is_the_first_letter_of_another_choice(code):
    traps = []
    for screen, choices in choice_sets(code).items():
        for key, words in choices:
            if initial(words) != key:  # its own word's letter is fine ("n  No")
                for other_key, other in choices:
                    if other_key != key and initial(other) == key:
                        traps.append(f"{screen}: {key!r} is {words!r}, but {other!r} starts with it")
    assert traps == []


def test_spanish_keys_follow_spanish_words():
    keys = answer_keys("es")
    assert (keys["yes"], keys["no"]) == ("s", "n") and keys["skip"] not in "sn"
    assert answer_keys("en") == {"yes": "y", "no": "n", "skip": "s", "prescribed": "p"}


async def test_spanish_self_check_s_is_yes_o_is_skip(app_factory):
    app = app_factory(language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        assert "s  Sí" in screen_text(app) and "o  Omitir" in screen_text(app)
        await pilot.press(*"s" * 10, "o")  # ten "Sí", one skipped
        while not app.screen.showing_result:
            await pilot.press("n")  # the urgent signs: No
        shown = screen_text(app)
        assert "10 de 11 se aplican a usted" in shown and "(1 omitida)" in shown  # one: singular (CLDR)


async def test_english_self_check_keys_unchanged(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press(*"y" * 10, "s")
        while not app.screen.showing_result:
            await pilot.press("n")
        assert "10 of 11" in screen_text(app)


async def test_spanish_guide_s_answers_si_and_opens_no_spray_guide(app_factory):
    app = app_factory(language="es")
    async with app.run_test(size=(80, 30)) as pilot:
        guided = await dose_in_the_guide(pilot, app)
        await pilot.press("t", "x")  # the timer, then "stop the timer?"
        assert guided.confirm_stop and "s  Sí, pararlo" in screen_text(app)
        await pilot.press("s")
        assert app.screen is guided and isinstance(app.screen, GuidedScreen)  # not the spray guide
        assert not guided.confirm_stop and not guided.showing_timer  # stopped: back to the steps
