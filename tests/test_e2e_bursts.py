"""No key is ever lost: keys sent in one burst land exactly where the same keys typed slowly land
(issue 9). The installed `kiosk` in a real terminal (tmux); each burst is one `send-keys` call,
so the keys reach the kiosk in one read, before the screen the first key opens is ready."""

from __future__ import annotations

import pytest
from support import KIOSK, Terminal, needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]

HOME = "What is heroin dependence?"
EMERGENCY = "treat it as an overdose"
SYMPTOMS_MENU = "Variations and subtypes"  # an item of the Symptoms topic menu, not on the home screen
CORE_PAGE = "People with heroin dependence often notice a pattern like this"
METHADONE = "Methadone is a long-acting opioid agonist"

# burst, where it must land, and where Backspace from there must go (the history is right too)
BURSTS = [
    (["2", "e"], EMERGENCY, SYMPTOMS_MENU),
    (["2", "1"], CORE_PAGE, SYMPTOMS_MENU),
    (["2", "1", "e"], EMERGENCY, CORE_PAGE),
    (["6", "4", "e"], EMERGENCY, METHADONE),
    (["e", "g"], "Step 1 of", EMERGENCY),
    (["/", "m", "e", "t", "h"], "meth", None),  # every letter reaches the field, in order
]


@pytest.mark.parametrize("burst, lands, back", BURSTS, ids=[" ".join(b[0]) for b in BURSTS])
def test_a_burst_lands_where_slow_typing_lands(burst, lands, back):
    for _ in range(3):  # the loss was intermittent: every try must land
        term = Terminal([str(KIOSK)])
        try:
            term.wait_for(HOME)
            term.send(*burst)
            term.wait_for(lands)
            if back is None:  # typed into the search field: the results follow what was typed
                term.wait_for("Methadone")
                continue
            term.send("BSpace")
            term.wait_for(back)
        finally:
            term.close()


def test_a_long_storm_of_digits_then_emergency_still_opens_emergency():
    term = Terminal([str(KIOSK)])
    try:
        term.wait_for(HOME)
        term.send(*"2121212121", "e")
        term.wait_for(EMERGENCY, timeout=60)  # eleven screens, one after another, on a busy CI machine
    finally:
        term.close()
