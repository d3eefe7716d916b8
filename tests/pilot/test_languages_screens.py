"""Every screen in Spanish, with no English left: a walk through every screen of the kiosk with
language = "es", reading what each visible widget draws and flagging English words.

Left alone on purpose: sources (document titles, as published), names (SAMHSA, Narcan...) and
the names of keys as printed on the keyboard (Esc, Enter, Home...).
"""

from __future__ import annotations

import re
from typing import Dict, List

import pytest
from textual.geometry import Region
from textual.widget import Widget

# Common English words that are not Spanish words: one of them on a Spanish screen is English left.
ENGLISH = set("""
the and you your what with for this that are is be have has of to from it they them their if or
on at by back next open search find help keys call text show quick exit emergency guide step steps
give naloxone spray injection timer yes skip page pages more scroll pick tick note places all
reviewed related question questions still there press any start again seconds nothing found results
type word code phone camera choose enter when where who how here now take bring appointment
checklist services helplines languages english spanish sorry available right
dose doses stop keep ago given since last waking
""".split())
KEY_NAMES = {"esc", "enter", "home", "tab", "space", "backspace", "pgup", "pgdn", "ctrl", "shift"}
# Names kept as their owners spell them (with a Spanish gloss beside a helpline's): not English left.
NAMES = ("With You", "Change Grow Live", "Need to talk?", "HSE Drugs and Alcohol Helpline")
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")


def leaf_texts(screen, sources: bool = False) -> List[str]:
    """What each displayed leaf widget draws; sources (published titles, kept as they are) only
    if asked."""
    out = []
    for widget in screen.query("*"):
        if not isinstance(widget, Widget) or widget.children or not widget.display or not widget.size.area:
            continue
        if not sources and (any("source" in c for c in widget.classes) or "source" in (widget.id or "")):
            continue
        if any(not a.display for a in widget.ancestors_with_self if isinstance(a, Widget)):
            continue
        lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        text = "\n".join(strip.text for strip in lines).strip()
        if text:
            out.append(text)
    return out


def english_in(texts: List[str]) -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for text in texts:
        if "(en inglés)" in text:
            continue  # English on purpose, and marked as such (a book's title, a page not yet translated)
        text = re.sub(r"\bl +English\b", "", text)  # the switch names English in its own words
        for name in NAMES:
            text = text.replace(name, "")
        for word in _WORD.findall(text):
            low = word.lower()
            if low in ENGLISH and low not in KEY_NAMES:
                found.setdefault(low, []).append(text[:70])
    return found


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


async def walk(app, pilot, seen: Dict[str, List[str]], clock: Clock, find=None) -> None:
    """Every screen; `find(screen)` gives the English found on each ({word: [where]})."""
    from kiosk.ui.screens.selfcheck import answer_keys

    find = find or (lambda screen: english_in(leaf_texts(screen)))

    async def look(name: str) -> None:
        await pilot.pause()
        for word, where in find(app.screen).items():
            seen.setdefault(f"{name}: {word}", where)

    await look("home")
    for topic in app.pack.topics:
        app.open_topic(topic.id)
        await look(f"topic {topic.id}")
        app.action_home()
    for page_id in app.pack.page_ids():
        app.open_page(page_id)
        await look(f"page {page_id}")
        app.action_home()
    for action, name in (("find_help", "find help"), ("keys", "keys"), ("search", "search")):
        await app.run_action(action)
        await look(name)
        app.action_home()
    app.open_screen("crisis")
    await look("crisis")
    app.action_home()
    await app.run_action("search")
    await pilot.press(*"sobredosis")
    await look("search results")
    await pilot.press(*"x" * 5)
    await look("search, nothing found")
    app.action_home()
    app.open_screen("checklist")
    await look("checklist")
    app.action_home()
    app.open_screen("takeaway")
    await look("take-away")
    app.action_home()
    app.open_screen("selfcheck")
    await look("self-check")
    for _ in range(30):
        await pilot.press(answer_keys(app.language)["yes"])  # "s" for "Sí"
    await look("self-check result")
    app.action_home()
    await app.run_action("emergency")
    await look("emergency")
    await pilot.press("n")
    await look("naloxone page")
    await pilot.press("backspace")
    await pilot.press("g")
    for step in range(20):
        await look(f"guide step {step + 1}")
        await pilot.press("enter")
    await pilot.press("d")
    await look("timer")
    await pilot.press("x")
    await look("timer, stop it?")
    await pilot.press("n")
    await pilot.press("backspace")  # back to the steps, past the call: the CPR coach is offered
    await pilot.press("c")
    await look("CPR coach")
    assert type(app.screen).__name__ == "CoachScreen"
    await pilot.press("backspace")
    app.action_home()
    await look("home with the dose clock")
    clock.advance(200)  # past the next dose: the prompt shows on whatever screen is open
    app.dose_flow.tick()
    await look("home with the next-dose prompt")
    await app.run_action("show_dose_timer")
    await look("timer, dose due")
    app.action_home()
    await app.run_action("emergency")
    await pilot.press("n")
    for key in ("s", "i"):  # the device guides from the naloxone page, from their first step
        await pilot.press(key)
        for step in range(8):
            await look(f"guide {key} step {step + 1}")
            await pilot.press("enter")
        app.action_home()
        await app.run_action("emergency")
        await pilot.press("n")
    app.action_home()


# ---- No word of the English interface on a Spanish screen (issue 27, point 3) -------------------

# Published names and titles kept as their owners write them, in a source line or a helpline.
PUBLISHED = ("SAMHSA Overdose Prevention and Response Toolkit", "Never Use Alone", "Resuscitation Council UK",
             "National Harm Reduction Coalition", "Health Canada", "Pharmaceutical Journal", "Emerg Med J",
             "naloxone.org.uk", "prenoxadinjection.com", "SAMHSA National Helpline", "Withdrawal Syndromes",
             "Overdose Prevention and Response Toolkit", "In the Realm of Hungry Ghosts",
             "Unbroken Brain", "Never Enough", "The Urge",
             # The sources of issue 29's pages, as their publishers title them:
             "National Overdose Response Service", "Stimulant overamping basics",
             "Responding to stimulant overamping", "Overamping: stimulant overdose", "NEXT Distro",
             "Toward the Heart", "Stimulant overdose awareness", "Penington Institute",
             "Fentanyl test strips: a harm reduction strategy", "What you should know about xylazine",
             "Open Forum Infectious Diseases", "Points West", "New England Journal of Medicine",
             "National Addiction Centre", "Public Health England", "King's College London",
             "Grey Bruce Health Unit", "Kincardine News", "Oregon Health Authority",
             "Community Reinforcement and Family Training", "Get Your Loved One Sober",
             "Center for Motivation and Change", "What is CRAFT", "Hazelden Betty Ford",
             "Nar-Anon Family Groups", "Families Anonymous", "Family Drug Support", "With You",
             "WHO") + NAMES
# English interface words that are Spanish words too ("Use material nuevo": usar).
SPANISH_TOO = {"use"}


def ui_words(path) -> set:
    from kiosk.data.tomlfile import read_toml

    found: set = set()

    def collect(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, str):
            found.update(w.lower() for w in _WORD.findall(re.sub(r"\{[a-z_]+\}", "", value)))

    collect(read_toml(path)[0])
    return found


def english_ui_words() -> set:
    """Every word of the English interface (content/ui.toml) that the Spanish one does not use
    too, but key names and single letters (key letters such as `s`)."""
    from conftest import CONTENT

    words = ui_words(CONTENT / "ui.toml") - ui_words(CONTENT / "es" / "ui.toml")
    return {w for w in words if len(w) > 1 and w not in KEY_NAMES and w not in SPANISH_TOO}


def english_ui_words_in(screen, vocabulary: set) -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for text in leaf_texts(screen, sources=True):
        if "(en inglés)" in text:
            continue  # English on purpose, and marked as such
        text = " ".join(text.split())  # a title wrapped over two lines is still the title
        text = re.sub(r"\bl +English\b", "", text)  # the switch names English in its own words
        for name in PUBLISHED:
            text = text.replace(name, "")
        for word in _WORD.findall(text):
            if word.lower() in vocabulary:
                found.setdefault(word.lower(), []).append(text[:70])
    return found


async def test_every_screen_in_spanish_has_no_english_left(app_factory):
    """One walk of every Spanish screen, two finders on each: the English phrases above, and every
    word of the English ui.toml (not a hand-made list) with source lines read too: "Typing" on the
    Keys screen and the coach's English source line got past the list (issue 27, point 3)."""
    vocabulary = english_ui_words()
    assert {"typing", "skip", "places", "tomorrow"} <= vocabulary

    def find(screen) -> Dict[str, List[str]]:
        found = english_in(leaf_texts(screen))
        for word, where in english_ui_words_in(screen, vocabulary).items():
            found.setdefault(word, where)
        return found

    seen: Dict[str, List[str]] = {}
    clock = Clock()
    app = app_factory(language="es", clock=clock)
    async with app.run_test(size=(100, 200)) as pilot:
        await walk(app, pilot, seen, clock, find=find)
    assert seen == {}, "\n".join(f"{k}: {v[0]!r}" for k, v in sorted(seen.items()))


@pytest.mark.parametrize("width,glyph_set", [(40, "console"), pytest.param(80, "unicode", marks=pytest.mark.slow)])
async def test_spanish_labels_stay_whole_and_drawable_from_40_columns(app_factory, width, glyph_set):
    """Spanish words are longer than English: from 40 columns no button or key hint is cut, and
    on the Linux console every character (á, ñ, ¿ ...) is in the console font."""
    import dataclasses

    from screen_walk import console_config, cursor_problem, label_problems, missing, walk_every_screen
    from support import FakeClock

    clock = FakeClock()
    config = dataclasses.replace(console_config(), glyphs=glyph_set, language="es", languages=("es", "en"))
    app = app_factory(config=config, clock=clock)

    checkers = [label_problems, cursor_problem] + ([missing] if glyph_set == "console" else [])
    async with app.run_test(size=(width, 20), notifications=True) as pilot:
        assert app.language == "es"
        walk = await walk_every_screen(app, pilot, clock, checkers=checkers)
    assert walk.bad == {}, "\n".join(f"{k}: {v}" for k, v in walk.bad.items())
