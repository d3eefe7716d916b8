"""Plain language (issue 28): every text of the pack gets a readability score, printed as a table
(`pytest tests/test_readability.py -s`). Emergency texts must read at grade 6 or lower (Spanish:
Fernández-Huerta 70 or more), pages at grade 8 or lower (Spanish: 60 or more), unless
content/CHANGELOG.md's "Readability" section names the text and says why it can't: a medicine's
name is not a hard word to the people who take it, and the clinical review's wording wins over a
score."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from readability import english_syllables, fernandez_huerta, fk_grade, spanish_syllables

from kiosk.data.content import default_content_dir
from kiosk.data.emergency_loader import load_emergency
from kiosk.data.languages import open_pack

ROOT = default_content_dir()
CHANGELOG = Path(ROOT, "CHANGELOG.md")
# Where a text may be harder: (emergency, page) limits, per language.
GRADE_LIMITS = {"emergency": 6.0, "page": 8.0}
EASE_LIMITS = {"emergency": 70.0, "page": 60.0}

Text = Tuple[str, str, str]  # (kind, id, text)


def emergency_texts(code: str) -> Iterator[Text]:
    root = ROOT if code == "en" else Path(ROOT, code)
    em, errors = load_emergency(root)
    assert errors == [], errors
    # Each line, sign, step and bullet ends a sentence on screen, with or without a full stop.
    yield "emergency", "first screen", "\n".join((em.intro, *em.signs, em.unsure, *em.steps))
    for guide in em.guides:
        for step in guide.steps:
            yield "emergency", f"guide {guide.id}/{step.id or step.title}", f"{step.title}\n{step.text}"
    if em.naloxone is not None:
        for section in em.naloxone.sections:
            yield "emergency", f"naloxone/{section.heading}", section.text


def page_texts(code: str) -> Iterator[Text]:
    for page in open_pack(ROOT, code).pages():
        if page.fallback:
            continue
        body = "\n".join(block.text for section in page.sections for block in section.blocks)
        yield "page", page.id, body


def exceptions() -> List[str]:
    """The ids content/CHANGELOG.md's "Readability" section explains (each `id` in backticks)."""
    text = CHANGELOG.read_text(encoding="utf-8")
    part = text.split("## Readability", 1)
    if len(part) < 2:
        return []
    section = part[1].split("\n## ", 1)[0]
    return re.findall(r"`([^`]+)`", section)


def score(code: str, text: str) -> float:
    return fk_grade(text) if code == "en" else fernandez_huerta(text)


def too_hard(code: str, kind: str, value: float) -> bool:
    return value > GRADE_LIMITS[kind] if code == "en" else value < EASE_LIMITS[kind]


@pytest.mark.parametrize("word,syllables", [("breathing", 2), ("naloxone", 3), ("overdose", 3), ("the", 1),
                                             ("ambulance", 3), ("recovery", 4), ("possible", 3), ("999", 3)])
def test_english_syllables(word, syllables):
    assert english_syllables(word) == syllables


@pytest.mark.parametrize("word,syllables", [("respiración", 4), ("día", 2), ("ahora", 3), ("oído", 3),
                                             ("cuidado", 3), ("que", 1), ("naloxona", 4), ("llame", 2),
                                             ("ambulancia", 4), ("aéreo", 4)])
def test_spanish_syllables(word, syllables):
    assert spanish_syllables(word) == syllables


def test_scores_rank_plain_text_above_hard_text():
    plain = "Call 999 now. Put the phone on speaker. Stay with them."
    hard = ("Administration of intranasal naloxone hydrochloride necessitates subsequent "
            "cardiopulmonary resuscitation whenever spontaneous respiration remains inadequate.")
    assert fk_grade(plain) < 4 < 12 < fk_grade(hard)
    assert fernandez_huerta("Llame al 911 ya. Ponga el altavoz. No se vaya.") > 70
    assert fernandez_huerta("La administración intranasal de clorhidrato de naloxona requiere "
                            "reanimación cardiopulmonar inmediata posterior.") < 40


@pytest.mark.parametrize("code", ["en", "es"])
def test_every_text_reads_plainly_or_says_why_not(code):
    explained = exceptions()
    rows, hard, stale = [], [], []
    for kind, text_id, text in [*emergency_texts(code), *page_texts(code)]:
        value = score(code, text)
        rows.append(f"{code}  {kind:<9} {value:6.1f}  {text_id}")
        if too_hard(code, kind, value) and f"{code}:{text_id}" not in explained:
            hard.append(f"{code}:{text_id} ({value:.1f})")
        if not too_hard(code, kind, value) and f"{code}:{text_id}" in explained:
            stale.append(f"{code}:{text_id} ({value:.1f})")
    print(f"\nReadability ({'Flesch-Kincaid grade' if code == 'en' else 'Fernández-Huerta ease'}):")
    print("\n".join(rows))
    assert len(rows) > 30
    assert hard == [], ("harder than the limit, and not explained in content/CHANGELOG.md's Readability "
                        f"section: {hard}")
    assert stale == [], f"now within the limit: take them out of content/CHANGELOG.md's Readability section: {stale}"
