"""The CPR coach's beat with an injected clock (issue 17): 110 a minute, counts and prompts on the
right beats, the naloxone reminder every 2 minutes; and its content file."""

from __future__ import annotations

import random
from pathlib import Path

from kiosk.data.coach import BREATH_BEATS, Coach, load_coach

CONTENT = Path(__file__).resolve().parents[2] / "content"


def run(coach: Coach, seconds: float, jitter: float = 0.0, seed: int = 1):
    """Tick like the app does: wake at the next beat's time (late by up to `jitter` s)."""
    rng = random.Random(seed)
    now, beats = coach.start, []
    while now < coach.start + seconds:
        beat = coach.due(now)
        if beat:
            beats.append((now, beat))
        now = coach.next_time() + rng.uniform(0, jitter)
    return beats


def test_110_beats_a_minute_over_2_minutes_even_with_late_ticks():
    for jitter in (0.0, 0.05, 0.2):
        beats = run(Coach(start=500.0), 120.0, jitter)
        per_minute = len(beats) / 2
        assert 108 <= per_minute <= 112, (jitter, per_minute)
        # the beat never drifts: each shown beat sounds at its own time, late by at most the jitter
        assert all(-1e-6 <= t - (500.0 + (b.number - 1) * 60 / 110) <= jitter + 1e-6 for t, b in beats)


def test_counts_to_30_then_2_breaths_then_starts_again():
    coach = Coach(start=0.0)
    beats = [b for _, b in run(coach, 60.0)]
    assert [b.count for b in beats[:30]] == list(range(1, 31))
    assert beats[30].prompt == "breaths" and beats[30].count == 0
    assert all(b.breathing for b in beats[30:30 + BREATH_BEATS])
    assert beats[30 + BREATH_BEATS].count == 1
    assert [b.prompt for b in beats[:30]] == [None] * 30
    assert 30 + BREATH_BEATS == 39 and BREATH_BEATS * 60 / 110 < 10  # the pause for breaths is under 10 s


def test_hands_only_keeps_pushing_no_pause():
    coach = Coach(start=0.0, hands_only=True)
    beats = [b for _, b in run(coach, 60.0)]
    assert [b.count for b in beats[:61]] == list(range(1, 31)) * 2 + [1]
    assert [b.number for b in beats if b.prompt == "keep_pushing"] == [30, 60, 90]
    assert not any(b.breathing for b in beats)


def test_switching_to_hands_only_starts_the_count_again():
    coach = Coach(start=0.0)
    run(coach, 5.0)
    shown = coach.shown
    coach.set_hands_only(True)
    beat = coach.due(coach.next_time())
    assert beat.number == shown + 1 and beat.count == 1


def test_naloxone_reminder_every_2_minutes_on_the_right_beat():
    beats = run(Coach(start=0.0), 370.0)
    reminders = [b.number for _, b in beats if b.remind]
    # beat n sounds at (n-1)*60/110 s: 120 s falls on beat 221, 240 s on 441, 360 s on 661
    assert reminders == [221, 441, 661]


def test_a_reminder_on_a_skipped_beat_still_comes():
    coach = Coach(start=0.0)
    coach.due(119.0)
    beat = coach.due(121.0)  # beats around 120 s skipped by a late tick
    assert beat.remind


def test_shipped_coach_text_names_sources_and_the_facts():
    coach, errors = load_coach(CONTENT)
    assert errors == []
    assert "5 to 6 cm" in coach.depth and "hard and fast" in coach.depth
    assert "middle of the chest" in coach.hands
    assert "AHA" in coach.source and "ERC" in coach.source and "110" in coach.source


def test_broken_coach_file_names_file_line_and_keeps_defaults(tmp_path):
    (tmp_path / "coach.toml").write_text('[coach]\ntitle = "x"\npush = 3\n')
    coach, errors = load_coach(tmp_path)
    text = "\n".join(str(e) for e in errors)
    assert "coach.toml" in text
    assert coach.push == "Push"


def test_a_time_is_said_in_minutes_and_seconds_in_each_language():
    """Issue 25: "1:59" was read "one fifty-nine"."""
    from kiosk.data.dose import spoken_minutes
    from kiosk.data.ui_text import UiText

    en = UiText({"spoken.minute": "1 minute", "spoken.minutes": "{n} minutes", "spoken.second": "1 second",
                 "spoken.seconds": "{n} seconds"})
    es = UiText({"spoken.minute": "1 minuto", "spoken.minutes": "{n} minutos", "spoken.second": "1 segundo",
                 "spoken.seconds": "{n} segundos"})
    assert spoken_minutes(119, en) == "1 minute 59 seconds"
    assert spoken_minutes(1, en) == "1 second" and spoken_minutes(0, en) == "0 seconds"
    assert spoken_minutes(180, en) == "3 minutes" and spoken_minutes(61.7, en) == "1 minute 1 second"
    assert spoken_minutes(119, es) == "1 minuto 59 segundos"


def test_units_are_said_as_words_never_inside_other_words():
    from kiosk.data.speech import say_units

    words = {"cm": "centimeters", "ml": "milliliters", "mg": "milligrams"}
    assert say_units("Push 5 to 6 cm, 0.4 ml or 4mg.", words) == "Push 5 to 6 centimeters, 0.4 milliliters or 4 milligrams."
    assert say_units("html cmd mlx", words) == "html cmd mlx"
