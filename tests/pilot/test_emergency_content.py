"""Emergency guidance content (issue 10): the same, current guidance on every path.

Walks every guide from every way into it, in the running app, and checks that the bystander is
told to call and what to do if the person isn't breathing normally, before any device steps;
checks the corrected wording everywhere (content file and built-in fallback); and that a content
file breaking these rules is refused (the built-in guides are used instead)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Tuple

import pytest
from conftest import CONTENT, ROOT
from support import pack_with

from kiosk.data.emergency_fallback import FALLBACK, FALLBACK_GUIDES
from kiosk.data.emergency_loader import load_emergency
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.naloxone import NaloxoneScreen

Seen = List[Tuple[str, str, str]]  # (guide id, step title, step text) in the order shown


def current(app) -> Tuple[str, str, str]:
    guided = app.screen
    assert isinstance(guided, GuidedScreen)
    return guided.place[0], str(guided.query_one("#step-title").render()), str(guided.query_one("#step-text").render())


async def read_on(pilot, app, seen: Seen, stop_at_guide: str = "") -> None:
    """Press Enter through the guide, recording each step, until it ends or returns to `stop_at_guide`."""
    for _ in range(25):
        seen.append(current(app))
        before = app.screen.place
        await pilot.press("enter")
        if app.screen.place == before or app.screen.place[0] == stop_at_guide:
            return
    raise AssertionError("the guide did not end")


def call_index(seen: Seen) -> int:
    return next(i for i, (_, title, text) in enumerate(seen) if title.startswith("Call ") and "now" in text)


def breathing_branch(seen: Seen) -> int:
    """The step that says what to do if they are not breathing normally (CPR) and if they are."""
    return next(i for i, (_, _, text) in enumerate(seen)
                if "Not breathing normally" in text and "CPR" in text and "recovery position" in text)


def check_path(seen: Seen, device: str) -> None:
    titles = [t for _, t, _ in seen]
    assert any(g == device for g, _, _ in seen), titles
    first_device_own = next(i for i, (g, t, _) in enumerate(seen) if g == device and not t.startswith("Call")
                            and t not in ("Check their breathing", "CPR: if not breathing normally"))
    assert call_index(seen) < breathing_branch(seen) < first_device_own, titles
    cpr = "\n".join(text for _, _, text in seen)
    assert "2 breaths after every 30 pushes" in cpr or "30 pushes and 2 breaths" in cpr


def broken_pack(tmp_path: Path) -> Path:
    """A copy of the pack whose emergency.toml is broken: the built-in fallback is used."""
    return pack_with(tmp_path, "emergency.toml", text='title = "unterminated\n')


PACKS = ["bundled", "fallback"]


def pack_for(which: str, tmp_path: Path) -> Path:
    return CONTENT if which == "bundled" else broken_pack(tmp_path)


@pytest.mark.parametrize("which", PACKS)
@pytest.mark.parametrize("fields", [{}, {"region": "UK"}], ids=["no-region", "UK"])
async def test_every_guide_from_the_overdose_guide_starts_with_the_call_and_breathing(app_factory, tmp_path,
                                                                                     which, fields):
    """Emergency -> g -> the naloxone step -> s or i: the call and the breathing check came first."""
    content = pack_for(which, tmp_path)
    for device_key in ("s", "i"):
        app = app_factory(content=content, **fields)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e", "g")
            seen: Seen = []
            for _ in range(12):  # to the naloxone step, recording every step
                seen.append(current(app))
                if app.screen.query_one("#show-spray").display:
                    break
                await pilot.press("enter")
            await pilot.press(device_key)
            device = app.screen.place[0]
            assert device in (("spray",) if device_key == "s" else ("injection", "injection-other"))
            await read_on(pilot, app, seen, stop_at_guide="overdose")
            check_path(seen, device)
            # not shown twice in a row: the device guide skipped the call it had just shown
            assert sum(1 for _, t, _ in seen if t.startswith("Call ")) == 1


@pytest.mark.parametrize("which", PACKS)
@pytest.mark.parametrize("key", ["s", "i"])
async def test_every_guide_from_the_naloxone_page_starts_with_the_call_and_breathing(app_factory, tmp_path,
                                                                                    which, key):
    """Emergency -> n (naloxone page) -> s or i: the device guide opens on the call step."""
    app = app_factory(content=pack_for(which, tmp_path), region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "n")
        assert isinstance(app.screen, NaloxoneScreen)
        await pilot.press(key)
        seen: Seen = []
        assert current(app)[1] == "Call 999"  # the very first thing shown
        await read_on(pilot, app, seen)
        check_path(seen, app.screen.place[0])


@pytest.mark.parametrize("which", PACKS)
async def test_the_overdose_guide_from_the_first_screen(app_factory, tmp_path, which):
    app = app_factory(content=pack_for(which, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("g")
        seen: Seen = []
        await read_on(pilot, app, seen)
        assert call_index(seen) < breathing_branch(seen)
        assert seen[call_index(seen)][1] == "Call your local emergency number"
        assert "Put the phone on speaker" in seen[call_index(seen)][2]


def all_texts(em) -> List[str]:
    out = [em.title, em.intro, em.unsure, *em.signs, *em.steps]
    for guide in em.guides:
        out += [s.title for s in guide.steps] + [s.text for s in guide.steps]
    out += list(em.timer.wait.values()) + list(em.timer.redose.values())
    out += [em.naloxone.intro] + [s.text for s in em.naloxone.sections]
    return out


OLD_ADVICE = [
    r"1 breath every 5 seconds", r"trained in CPR", r"inject them with anything\.",
    r"(?<!grey or )blue or purple", r"30 to 90 minutes\.",
]


@pytest.mark.parametrize("which", ["bundled", "fallback"])
def test_the_old_advice_is_gone_everywhere(which):
    em = load_emergency(CONTENT)[0] if which == "bundled" else FALLBACK
    for text in all_texts(em):
        for pattern in OLD_ADVICE:
            assert not re.search(pattern, text), (pattern, text)
    source = (ROOT / "kiosk" / "data" / "emergency.py").read_text(encoding="utf-8")
    for pattern in OLD_ADVICE:
        assert not re.search(pattern, source), pattern


def test_the_current_advice_is_there():
    em, errors = load_emergency(CONTENT)
    assert errors == []
    overdose = em.guide("overdose")
    text = {s.id: s.text for s in overdose.steps}
    assert "Put the phone on speaker" in text["call"]
    assert "one calls, one gets naloxone and a defibrillator (AED)" in text["call"]  # review #4
    assert "up to 10 seconds" in text["breathing"]
    assert text["breathing"].startswith("Open the airway: tilt the head back and lift the chin.")  # review #2
    assert "Push hard and fast in the middle of the chest." in text["cpr"]
    assert "If you can, give 2 breaths after every 30 pushes:" in text["cpr"]
    assert "seal your mouth over theirs, blow for about 1 second until the chest rises" in text["cpr"]  # #6
    assert "defibrillator (AED)" in text["cpr"]
    assert "Bend the top knee" in text["recovery"] and "mouth pointing to the ground" in text["recovery"]  # #7
    assert "Watch out for needles." in text["check"]  # #8
    assert "ice" in text["dont"] and "sleep it off" in text["dont"]  # #9
    assert "Tell them they had naloxone" in text["wake"] and "keep yourself safe" in text["wake"]  # #10
    assert "The aim is normal breathing, not waking up." in text["more-doses"]  # #3
    assert "xylazine" in text["more-doses"].lower()
    assert "If you can't, just keep pushing." in text["cpr"]
    assert "without stopping CPR for long" in text["naloxone"]
    assert "Naloxone won't harm someone who hasn't taken opioids: if you aren't sure, give it." in text["naloxone"]
    assert "every 2 to 3 minutes" in text["more-doses"] and "Fentanyl and nitazenes may need several doses." \
        in text["more-doses"]
    assert "anything other than naloxone" in text["dont"]
    assert "Stop them using more: it could cause another overdose." in text["wake"]
    assert "Another dose at once" in text["wake"]
    assert "as little as 20 minutes" in text["stay"]
    assert any("Blue, grey or purple lips or fingernails" in s and "ashen" in s for s in em.signs)
    assert any("limp" in s.lower() for s in em.signs)
    assert "won't harm someone who hasn't taken opioids" in em.naloxone.intro
    prenoxad = "\n".join(s.text for s in em.guide("injection").steps)
    for words in ("This guide is for Prenoxad.", "Twist off the syringe's top.", "Screw on a needle.",
                  "Twist off the needle's cover.", "up to 10 seconds"):
        assert words in prenoxad
    assert "follow the instructions that come with it" in em.guide("injection-other").steps[3].text


def test_wear_off_times_name_who_says_them():
    """20 to 40 minutes is Change Grow Live's figure, 20 to 30 With You's: never unattributed."""
    em = load_emergency(CONTENT)[0]
    places = [(s.text, s.source) for g in em.guides for s in g.steps] + \
             [(s.text, s.source) for s in em.naloxone.sections]
    for text, source in places:
        if "20 to 40" in text:
            assert "Change Grow Live" in text + source
        if "20 to 30" in text:
            assert "With You" in text + source
        if "20 minutes" in text:
            assert "Change Grow Live" in text + source


def test_sources_are_the_current_ones():
    em = load_emergency(CONTENT)[0]
    sources = "\n".join(em.sources)
    for name in ("SAMHSA Overdose Prevention and Response Toolkit (2025", "American Heart Association",
                 "Resuscitation Council UK", "Change Grow Live"):
        assert name in sources
    assert "Opioid Overdose Prevention Toolkit (2018)" not in sources  # replaced by the 2025 toolkit
    for guide in em.guides:
        for step in guide.steps:
            assert step.source.strip(), step.title


def test_fallback_guides_also_begin_with_the_call_and_breathing():
    for guide in FALLBACK_GUIDES:
        ids = [s.id for s in guide.steps]
        assert "call" in ids and "breathing" in ids, guide.id
        assert ids.index("call") < ids.index("breathing")
        if guide.id != "overdose":
            assert ids[:3] == ["call", "breathing", "cpr"] and guide.shared == 3


def test_a_device_guide_that_skips_the_call_is_refused(tmp_path):
    pack = pack_with(tmp_path, "emergency.toml",
                     'id = "spray"\ntitle = "Naloxone nasal spray"\nbegin_with = ["call", "breathing", "cpr"]',
                     'id = "spray"\ntitle = "Naloxone nasal spray"\nbegin_with = ["breathing", "cpr"]')
    em, errors = load_emergency(pack)
    assert em.guides == FALLBACK_GUIDES  # never a guide without the call
    message = "\n".join(str(e) for e in errors)
    assert "emergency.toml" in message and "begin_with" in message and "'call'" in message
    assert re.search(r":\d+", message)  # names the line
