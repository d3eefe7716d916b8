"""No key is ever lost: keys sent in one burst land exactly where the same keys typed slowly land
(issue 9). The installed `kiosk` in a real terminal (tmux); each burst is one `send-keys` call,
so the keys reach the kiosk in one read, before the screen the first key opens is ready."""

from __future__ import annotations

import pytest
from support import KIOSK, Terminal, home_key, needs_tmux, route, shipped_pack

pytestmark = [needs_tmux, pytest.mark.slow]

HOME = "What is heroin dependence?"
EMERGENCY = "treat it as an overdose"
SYMPTOMS_MENU = "Variations and subtypes"  # an item of the Symptoms topic menu, not on the home screen
CORE_PAGE = "People with heroin dependence often notice a pattern like this"
METHADONE = "Methadone is a long-acting opioid agonist"

# The shipped pack's keys, looked up (a client may reorder its menu): Symptoms, its first page,
# and Treatment > Medication.
SYMPTOMS = home_key(shipped_pack(), "topic:symptoms")
CORE = route(shipped_pack(), "symptoms-core")
MEDICATION = route(shipped_pack(), "treatment-medication")

# burst, where it must land, and where Backspace from there must go (the history is right too)
BURSTS = [
    ([SYMPTOMS, "e"], EMERGENCY, SYMPTOMS_MENU),
    (CORE, CORE_PAGE, SYMPTOMS_MENU),
    (CORE + ["e"], EMERGENCY, CORE_PAGE),
    (MEDICATION + ["e"], EMERGENCY, METHADONE),
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
        term.send(*CORE * 5, "e")
        term.wait_for(EMERGENCY, timeout=60)  # eleven screens, one after another, on a busy CI machine
    finally:
        term.close()
