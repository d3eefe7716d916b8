"""Issue 16 item 10: the dose key records one dose per press; a second within 30 s asks first."""

from __future__ import annotations

from kiosk.data.dose_key import CONFIRM, CONFIRM_WITHIN, GIVE, IGNORE, REPEAT_GAP, DoseKey


def test_holding_the_key_is_one_dose():
    key = DoseKey()
    assert key.press(0.0, None) == GIVE
    # Held for 0.7 s: the terminal repeats it every 33 ms after a 0.25 s delay (20 events).
    repeats = [key.press(0.25 + i * 0.033, 0.0) for i in range(14)]
    assert set(repeats) == {IGNORE}


def test_a_new_press_soon_after_a_dose_asks_first_and_later_does_not():
    key = DoseKey()
    assert key.press(0.0, None) == GIVE
    assert key.press(REPEAT_GAP + 0.5, 0.0) == CONFIRM
    assert key.press(CONFIRM_WITHIN + 5, 0.0) == GIVE
