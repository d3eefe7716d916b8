"""Typing is typing (tmux, the installed kiosk): in a text field every printable key is text.

Letters that are shortcuts elsewhere (e Emergency, n naloxone, s spray, d "I gave naloxone",
t take-away, f Find help, / search, ? keys) are typed one at a time; after each, the field shows
the text so far and the screen is still the same one.
"""

from __future__ import annotations

import re
import time

import pytest
from support import KIOSK, Terminal, needs_tmux

pytestmark = needs_tmux

NOTE = "heroin, 2 bags a day, send notes to Ted? /f"  # e n s d t f / ? are shortcuts elsewhere
EMERGENCY_BODY = "treat it as an overdose"  # on the emergency screen only


@pytest.fixture
def term(tmp_path):
    terminal = Terminal(["sh", "-c", f"cd {tmp_path} && exec {KIOSK}; sleep 30"])
    yield terminal
    terminal.close()


def status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if "one code" in line), "")


def checklist_choice() -> int:
    """How many Downs from the first take-away choice to the checklist (built-in helplines first)."""
    from kiosk.data.config import Config
    from kiosk.data.content import default_content_dir
    from kiosk.data.helplines import load_default_helplines
    from kiosk.data.selfcheck import load_selfcheck
    from kiosk.data.takeaway import CHECKLIST_KEY, entries

    root = default_content_dir()
    items = load_selfcheck(root).checklist
    groups = load_default_helplines(root)[0].groups
    helplines = [(g.country, line) for g in groups for line in g.helplines]
    keys = [e.key for e in entries(Config(), items, {items[0].key: NOTE}, helplines)]
    return keys.index(CHECKLIST_KEY)


def type_slowly(term: Terminal, text: str, still: str) -> str:
    """Type `text` a key at a time; after each key the field holds the text so far and `still`
    (something only this screen shows) is on screen. Returns the last screen."""
    screen = ""
    for n in range(1, len(text) + 1):
        term.type(text[n - 1])
        screen = term.wait_for(text[:n].rstrip())  # the terminal shows no trailing space
        assert still in screen, f"after {text[:n]!r} the screen changed:\n{screen}"
        assert EMERGENCY_BODY not in screen, screen
    return screen


def test_a_checklist_note_then_the_take_away(term):
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)
    term.send("c")
    term.wait_for("Tick what you will bring")
    top = term.screen().splitlines()[0]
    assert "e  EMERGENCY" in top
    term.send("Enter")  # on the first item: go to its note
    top = term.wait_for("Ctrl+E  EMERGENCY").splitlines()[0]
    assert "Ctrl+E  EMERGENCY" in top  # the bar names the key that works while typing
    screen = type_slowly(term, NOTE, still="What to bring to an appointment")
    assert "[x]" in screen  # typing a note ticked its item
    assert "Naloxone given" not in screen
    term.send("Enter")  # leave the note: the keys are keys again
    term.wait_for("e  EMERGENCY")
    term.send("t")
    term.wait_for("Pick what to take")
    before = status_line(term.wait_for("Fits in one code"))
    for _ in range(checklist_choice()):  # the checklist is the last choice: walk down to it
        term.send("Down")
    term.send("Space")  # and take it too
    screen = term.wait_for("[x] My appointment checklist (1 ticked)")
    while status_line(screen) == before:  # the status follows the tick a frame later
        time.sleep(0.05)
        screen = term.screen()
    if "Too long for one code" in screen:
        term.send("x")  # make it shorter: the checklist is kept first
        term.wait_for("Fits in one code")
    term.send("c")
    code = term.wait_for("point your phone camera")
    beside = [re.sub(r"^[\s█▀▄]+", "", line) for line in code.splitlines()[2:]]  # the text beside the code
    flat = " ".join(" ".join(beside).split())
    assert NOTE in flat, code  # every letter arrived, in order


def test_a_search_letter_by_letter(term):
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)
    term.send("/")
    term.wait_for("Type a word")
    assert "Ctrl+E  EMERGENCY" in term.wait_for("Ctrl+E").splitlines()[0]
    screen = type_slowly(term, "fentanyl overdose?", still="Search")
    assert "results found" in screen
    lines = [line for line in screen.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if "results found" in line) + 1
    assert "EMERGENCY: overdose, what to do now" in lines[first]  # Emergency first, above pages
    term.send("C-e")
    term.wait_for(EMERGENCY_BODY)


def test_a_note_typed_in_one_burst(term):
    """A fast typist (or tmux) sends the whole note at once: more than 16 keys are waiting when
    its `e`s arrive. In a field an `e` is a letter, so it must not drop the letters before it as
    an emergency key behind a storm does."""
    term.wait_for("What is heroin dependence?")
    time.sleep(0.5)
    term.send("c")
    term.wait_for("Tick what you will bring")
    term.send("Enter")
    term.wait_for("Ctrl+E  EMERGENCY")
    burst = "heroin, 2 bags a day; need help; e n s d t f"  # an `e` after 20 letters, more after it
    term.type(burst)
    screen = term.wait_for(burst)
    assert "What to bring to an appointment" in screen
    assert EMERGENCY_BODY not in screen and "Naloxone given" not in screen
