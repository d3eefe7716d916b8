"""The self-check's content file, strict loader and scoring (pure Python, no Textual)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import pack_with

from kiosk.data.content import ContentPack
from kiosk.data.selfcheck import NO, SKIP, YES, load_selfcheck, score

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SOURCE = (CONTENT / "selfcheck.toml").read_text(encoding="utf-8")


def load_with(tmp_path: Path, text: str):
    (tmp_path / "selfcheck.toml").write_text(text, encoding="utf-8")
    return load_selfcheck(tmp_path)


def test_shipped_file_loads_cleanly():
    loaded = load_selfcheck(CONTENT)
    assert loaded.errors == ()
    check = loaded.selfcheck
    assert check is not None
    assert len(check.questions) == 11
    assert len(check.urgent) == 7
    assert [(b.low, b.high) for b in check.bands] == [(0, 1), (2, 3), (4, 5), (6, 11)]
    assert "mild-to-severe continuum" in check.continuum
    assert "not a diagnosis" in check.not_diagnosis
    assert "prescribed" in check.prescribed and "Tolerance and withdrawal" in check.prescribed


@pytest.mark.parametrize("yes, label", [(0, "Fewer than 2"), (1, "Fewer than 2"), (2, "Mild"), (3, "Mild"),
                                        (4, "Moderate"), (5, "Moderate"), (6, "Severe"), (11, "Severe")])
def test_bands_follow_the_usual_cut_offs(yes, label):
    check = load_selfcheck(CONTENT).selfcheck
    answers = {i: YES for i in range(yes)}
    answers.update({i: NO for i in range(yes, 11)})
    result = score(check, answers, {})
    assert (result.yes, result.no, result.skipped) == (yes, 11 - yes, 0)
    assert result.band.label == label


def test_skipped_and_unanswered_questions_do_not_count():
    check = load_selfcheck(CONTENT).selfcheck
    result = score(check, {0: YES, 1: SKIP, 2: NO}, {3: YES, 5: NO})
    assert (result.yes, result.no, result.skipped) == (1, 1, 9)
    assert result.urgent_yes == (3,) and result.urgent


def test_questions_paraphrase_not_copy_the_apa_text():
    """Guard against pasting the DSM-5 wording: a few phrases of the APA's text must not appear."""
    apa_phrases = ["larger amounts or over a longer period", "persistent desire or unsuccessful efforts",
                   "great deal of time is spent", "recurrent opioid use resulting in a failure"]
    lowered = SOURCE.lower()
    for phrase in apa_phrases:
        assert phrase not in lowered


def test_checklist_is_the_seeds_what_to_bring_list():
    """The checklist items are the what-to-bring page's bullets, word for word."""
    page = ContentPack(CONTENT).page("what-to-bring")
    bullets = [b.text for s in page.sections for b in s.blocks if b.kind == "bullet"]
    items = load_selfcheck(CONTENT).checklist
    assert [i.text.lower() for i in items] == [b.lower() for b in bullets]
    assert len({i.key for i in items}) == len(items)


def test_urgent_questions_cover_the_seeds_when_to_seek_help_list():
    page = ContentPack(CONTENT).page("when-to-seek-help")
    bullets = [b.text for s in page.sections for b in s.blocks if b.kind == "bullet"]
    urgent = load_selfcheck(CONTENT).selfcheck.urgent
    assert len(urgent) == len(bullets)
    for bullet, question in zip(bullets, urgent):
        # Each question keeps the seed's key words (turned into a question).
        words = {w for w in re.findall(r"[a-z]{5,}", bullet.lower())} - {"heroin", "become", "their"}
        found = {w for w in words if w in question.lower()}
        assert len(found) >= len(words) * 0.6, (bullet, question)


def test_missing_file_is_reported(tmp_path):
    loaded = load_selfcheck(tmp_path)
    assert loaded.selfcheck is None and loaded.checklist == ()
    assert "file not found" in str(loaded.errors[0])


def test_wrong_number_of_questions_leaves_the_self_check_out(tmp_path):
    text = SOURCE.replace('  "Have you had strong cravings or urges to use?",\n', "")
    loaded = load_with(tmp_path, text)
    assert loaded.selfcheck is None
    assert any("exactly 11 questions, got 10" in str(e) for e in loaded.errors)
    assert len(loaded.checklist) == 8  # the checklist still works


def test_band_gap_names_file_line_and_key(tmp_path):
    text = SOURCE.replace("min = 4\nmax = 5", "min = 5\nmax = 5")
    loaded = load_with(tmp_path, text)
    assert loaded.selfcheck is None
    error = next(e for e in loaded.errors if e.key == "bands[3].min")
    line = text.splitlines()[error.line - 1]
    assert line == "min = 5"
    assert "no gap or overlap" in error.expected


def test_bands_must_reach_eleven(tmp_path):
    loaded = load_with(tmp_path, SOURCE.replace("min = 6\nmax = 11", "min = 6\nmax = 10"))
    assert loaded.selfcheck is None
    assert any("end at 11" in str(e) for e in loaded.errors)


def test_unknown_key_and_control_characters_are_reported(tmp_path):
    text = SOURCE.replace('title = "Does this sound like me?"', 'title = "Does this \\u001b[31msound"\ntitel = "x"')
    loaded = load_with(tmp_path, text)
    messages = [str(e) for e in loaded.errors]
    assert any("titel: unknown key" in m for m in messages)
    assert any("control or escape characters" in m for m in messages)


def test_broken_checklist_item_leaves_only_that_item_out(tmp_path):
    text = SOURCE.replace('key = "medicines"', 'key = "Medicines!"')
    loaded = load_with(tmp_path, text)
    assert loaded.selfcheck is not None
    assert len(loaded.checklist) == 7
    assert any(e.key == "checklist[5].key" for e in loaded.errors)


def test_kiosk_check_reports_selfcheck_errors(tmp_path, capsys):
    from kiosk.cli import main

    pack = pack_with(tmp_path, "selfcheck.toml", "max = 11", "max = 12")
    assert main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "selfcheck.toml" in out and "bands[4].max" in out


# --- issue 11: prescribed tolerance/withdrawal, wording, the self-harm question ---------------------

def test_tolerance_and_withdrawal_from_prescribed_opioids_do_not_count():
    from kiosk.data.selfcheck import PRESCRIBED

    check = load_selfcheck(CONTENT).selfcheck
    assert check.prescribed_questions == (9, 10)
    for i in check.prescribed_questions:
        assert "only from opioids taken as prescribed" in check.questions[i]
        assert check.answers_for(i) == (YES, NO, SKIP, PRESCRIBED)
    assert check.answers_for(0) == (YES, NO, SKIP)
    four = {i: YES for i in range(4)}
    in_treatment = score(check, {**four, 9: PRESCRIBED, 10: PRESCRIBED}, {})
    assert (in_treatment.yes, in_treatment.band.label) == (4, "Moderate")  # not pushed up a band
    not_prescribed = score(check, {**four, 9: YES, 10: YES}, {})
    assert (not_prescribed.yes, not_prescribed.band.label) == (6, "Severe")


def test_questions_6_and_8_say_other_people_and_more_than_once():
    check = load_selfcheck(CONTENT).selfcheck
    assert "problems with other people" in check.questions[5]
    assert "more than once" in check.questions[7]


def test_self_harm_question_is_marked_for_the_crisis_screen():
    check = load_selfcheck(CONTENT).selfcheck
    assert "self-harm" in check.urgent[check.crisis_question]
    only = score(check, {}, {check.crisis_question: YES})
    assert only.crisis and only.urgent and not only.emergency
    both = score(check, {}, {0: YES, check.crisis_question: YES})
    assert both.crisis and both.emergency
    other = score(check, {}, {4: YES})
    assert other.emergency and not other.crisis


def test_bad_optional_keys_are_reported_with_file_and_key(tmp_path):
    text = SOURCE.replace("prescribed_questions = [10, 11]", "prescribed_questions = [10, 12]")
    text = text.replace("crisis_question = 7", "crisis_question = 9")
    loaded = load_with(tmp_path, text)
    keys = {e.key for e in loaded.errors}
    assert "prescribed_questions" in keys and "crisis_question" in keys
    assert all(e.file.endswith("selfcheck.toml") for e in loaded.errors)
