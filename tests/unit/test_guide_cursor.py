"""The step cursor behind the guided screen (kiosk/data/guide_cursor.py), on small hand-made guides."""

from __future__ import annotations

from kiosk.data.emergency import Guide, GuideStep
from kiosk.data.guide_cursor import GuideCursor


def step(step_id: str) -> GuideStep:
    return GuideStep(step_id.title(), "", "", id=step_id)


GUIDES = {
    "overdose": Guide("overdose", "Overdose", tuple(step(s) for s in ("check", "call", "breathing", "naloxone", "wake"))),
    # A device guide begins with the overdose guide's call and breathing steps (shared=2).
    "spray": Guide("spray", "Spray", tuple(step(s) for s in ("call", "breathing", "spray", "again")), shared=2),
    "nowake": Guide("nowake", "No wake step", (step("one"), step("two"))),
}


def cursor(**kwargs) -> GuideCursor:
    return GuideCursor(GUIDES.__getitem__, **kwargs)


def test_next_walks_the_guide_and_stops_at_its_end():
    c = cursor()
    seen = [c.step.id]
    while c.next():
        seen.append(c.step.id)
    assert seen == ["check", "call", "breathing", "naloxone", "wake"]
    assert not c.can_go_next() and c.place == ("overdose", 4)


def test_back_from_the_first_step_leaves():
    c = cursor(place=("overdose", 1))
    assert c.back() and c.place == ("overdose", 0)
    assert not c.back() and c.place == ("overdose", 0)


def test_a_device_guide_opened_after_the_breathing_check_skips_the_shared_steps():
    c = cursor(place=("overdose", 3))  # naloxone: call and breathing already shown
    c.go_to("spray")
    assert c.place == ("spray", 2) and c.start == 2 and c.history == [("overdose", 3)]
    assert c.dose_kind == "spray"


def test_a_device_guide_opened_before_the_breathing_check_starts_with_the_call():
    c = cursor(place=("overdose", 1))
    c.go_to("spray")
    assert c.place == ("spray", 0) and c.start == 0


def test_the_end_of_a_detour_returns_to_the_step_after_it():
    c = cursor(place=("overdose", 3))
    c.go_to("spray")
    assert c.next() and c.place == ("spray", 3)
    assert c.can_go_next()  # the detour's last step still goes on
    assert c.next() and c.place == ("overdose", 4) and c.history == [] and c.start == 0
    assert c.dose_kind == "any"


def test_back_from_a_detours_first_step_returns_to_where_it_was_opened():
    c = cursor(place=("overdose", 3))
    c.go_to("spray")
    assert c.back() and c.place == ("overdose", 3) and c.start == 0


def test_opening_the_guide_already_shown_adds_no_detour():
    c = cursor(place=("spray", 3), history=[("overdose", 3)], start=2)
    c.go_to("spray")
    assert c.history == [("overdose", 3)] and c.place == ("spray", 0)


def test_the_coach_is_offered_only_past_the_call():
    c = cursor(place=("overdose", 1))
    assert not c.past_call
    c.next()
    assert c.past_call
    assert cursor(place=("spray", 0), history=[("overdose", 1)]).past_call  # in a detour: it was shown


def test_waking_goes_to_the_wake_step_and_forgets_the_detour():
    c = cursor(place=("spray", 3), history=[("overdose", 3)], start=2)
    c.to_wake()
    assert (c.place, c.history, c.start) == (("overdose", 4), [], 0)


def test_waking_without_a_wake_step_goes_to_the_last_step():
    guides = dict(GUIDES, overdose=GUIDES["nowake"])
    c = GuideCursor(guides.__getitem__, place=("overdose", 0))
    c.to_wake()
    assert c.place == ("overdose", 1)
