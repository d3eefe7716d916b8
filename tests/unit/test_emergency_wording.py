"""Emergency wording a bystander cannot misread (issue 23, clinical review 2026-12 #1-#3).

Reads every emergency text in every language: the content files (first screen, its spoken text,
guides, timer, naloxone page, CPR coach) and the built-in fallbacks in kiosk/data, and fails on
- a breathing branch without "normally" ("Breathing? put them on their side": slow, snoring
  breathing is the overdose itself, so a bystander would pick the recovery position, not CPR);
- a re-dose line without the breathing condition ("No response?": with xylazine or benzos someone
  breathes normally and stays asleep; the aim is normal breathing, not waking up);
- CPR started, or a breath blown, before the airway is opened (head tilted back);
- a pack that never names xylazine.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from conftest import CONTENT
from support import pack_with

from kiosk.data.coach import CoachText, load_coach
from kiosk.data.emergency import Emergency
from kiosk.data.emergency_fallback import FALLBACK
from kiosk.data.emergency_loader import load_emergency

Unit = Tuple[str, str]  # (where, text)


class Words:
    """The words each rule looks for, in one language."""

    def __init__(self, branch: str, redose: str, not_redose: str, condition: str, cpr: str, airway: str,
                 xylazine: str) -> None:
        self.branch = re.compile(branch)
        self.redose = re.compile(redose, re.I)
        self.not_redose = re.compile(not_redose, re.I)
        self.condition = re.compile(condition, re.I)
        self.cpr = re.compile(cpr, re.I)
        self.airway = re.compile(airway, re.I)
        self.xylazine = xylazine


WORDS: Dict[str, Words] = {
    "en": Words(
        branch=r"\b[Bb]reathing\s*[?:]|\bIf (they are|they're) breathing\b(?! normally)",
        redose=r"\b(another|next|second) dose\b|\bagain (every|after) \d|\bevery 2 to 3 min",
        not_redose=r"\bnext dose in\b",  # the coach's clock ("next dose in 1:20"), not an instruction
        condition=r"\bnot breathing normally\b|\bbreathe normally\b",
        cpr=r"\bstart CPR\b|\bblow\b",
        airway=r"\btilt (the|their) head back\b|\bhead tilted back\b",
        xylazine="xylazine"),
    "es": Words(
        branch=r"¿Respira\?|\bRespira:|¿Respira\s*[,.]",
        redose=r"\b(otra|siguiente|segunda) dosis\b|\bcada 2 a 3 min|\botra a los\b",
        not_redose=r"\bsiguiente dosis en\b",
        condition=r"\bno respira normalmente\b|\bsin respirar normalmente\b|\brespire normalmente\b",
        cpr=r"\bempiece (la )?RCP\b|\bempezar (la )?RCP\b|\bsople\b",
        airway=r"\bcabeza hacia atrás\b",
        xylazine="xilacina"),
}

PACKS = {"en": CONTENT, "es": CONTENT / "es"}


def emergency_units(em: Emergency, where: str) -> List[Unit]:
    units: List[Unit] = [(f"{where} first screen", "\n".join(em.steps)), (f"{where} unsure", em.unsure),
                         (f"{where} intro", em.intro)]
    units += [(f"{where} first screen step {i + 1}", s) for i, s in enumerate(em.steps)]
    if getattr(em, "say", ""):  # getattr: the same test runs on a pack from before spoken text
        units.append((f"{where} first screen say", em.say))
    for guide in em.guides:
        for step in guide.steps:
            units.append((f"{where} guide {guide.id} / {step.title}", step.text))
            if getattr(step, "say", ""):
                units.append((f"{where} guide {guide.id} / {step.title} (say)", step.say))
    if em.timer:
        for kind, text in list(em.timer.wait.items()) + list(em.timer.redose.items()):
            units.append((f"{where} timer {kind}", text))
    if em.naloxone:
        units.append((f"{where} naloxone intro", em.naloxone.intro))
        units += [(f"{where} naloxone / {s.heading}", s.text) for s in em.naloxone.sections]
    return units


def coach_units(coach: CoachText, where: str) -> List[Unit]:
    return [(f"{where} coach.{f.name}", getattr(coach, f.name)) for f in fields(coach)
            if f.name not in ("source", "call_source")]


def units_of(language: str) -> List[Unit]:
    """Every emergency text of one language: its content files, and (English) the built-in ones."""
    em, errors = load_emergency(PACKS[language])
    assert errors == [], errors  # a broken file would silently test the fallback instead
    coach, errors = load_coach(PACKS[language])
    assert errors == [], errors
    units = emergency_units(em, f"{language} emergency.toml") + coach_units(coach, f"{language} coach.toml")
    if language == "en":  # the built-in fallbacks are English (kiosk/data/emergency_fallback.py, kiosk/data/coach.py)
        units += emergency_units(FALLBACK, "built-in") + coach_units(CoachText(), "built-in")
    return units


def branch_problems(units: List[Unit], words: Words) -> List[str]:
    return [f"{where}: {line!r}" for where, text in units for line in text.splitlines()
            if words.branch.search(line)]


def redose_problems(units: List[Unit], words: Words) -> List[str]:
    return [f"{where}: {line!r}" for where, text in units for line in text.splitlines()
            if words.redose.search(words.not_redose.sub("", line)) and not words.condition.search(line)]


def airway_problems(units: List[Unit], words: Words) -> List[str]:
    problems = []
    for where, text in units:
        if " first screen step " in where:  # one step of a list: first_screen_airway_problems()
            continue
        cpr = words.cpr.search(text)
        if cpr is None:
            continue
        airway = words.airway.search(text)
        if airway is None or airway.start() > cpr.start():
            problems.append(f"{where}: {text!r}")
    return problems


def first_screen_airway_problems(language: str, words: Words) -> List[str]:
    """On the first screen the airway has its own step, before the step that starts CPR."""
    problems = []
    for where, em in ((language, load_emergency(PACKS[language])[0]),) + ((("built-in", FALLBACK),)
                                                                            if language == "en" else ()):
        airway = next((i for i, s in enumerate(em.steps) if words.airway.search(s)), None)
        cpr = next((i for i, s in enumerate(em.steps) if re.search(r"\bCPR\b|\bRCP\b", s)), None)
        if airway is None or cpr is None or airway > cpr:
            problems.append(f"{where} first screen: airway step {airway}, CPR step {cpr}")
    return problems


@pytest.mark.parametrize("language", sorted(PACKS))
def test_every_breathing_branch_says_normally(language):
    assert branch_problems(units_of(language), WORDS[language]) == []


@pytest.mark.parametrize("language", sorted(PACKS))
def test_every_redose_is_conditional_on_breathing(language):
    assert redose_problems(units_of(language), WORDS[language]) == []


@pytest.mark.parametrize("language", sorted(PACKS))
def test_the_airway_is_opened_before_cpr_or_breaths(language):
    words = WORDS[language]
    units = units_of(language)
    assert airway_problems(units, words) == []
    assert first_screen_airway_problems(language, words) == []
    cpr_steps = [(w, t) for w, t in units if w.endswith("/ CPR: if not breathing normally")
                 or w.endswith("/ RCP: si no respira normalmente")]
    assert cpr_steps and all(words.airway.search(t) for _, t in cpr_steps), cpr_steps
    breaths_how = [t for w, t in units if w.endswith("coach.breaths_how")]
    assert breaths_how and all(words.airway.search(t) for t in breaths_how)


@pytest.mark.parametrize("language", sorted(PACKS))
def test_the_pack_names_xylazine(language):
    words = WORDS[language]
    units = units_of(language)
    assert any(words.xylazine in t.lower() for w, t in units if not w.startswith("built-in")), language
    if language == "en":
        assert any("xylazine" in t.lower() for w, t in units if w.startswith("built-in"))


# ---- the rules themselves: each catches the wording the clinical review found --------------

@pytest.mark.parametrize("language,line", [
    ("en", "Breathing: put them on their side (recovery position)."),
    ("en", "Breathing? Roll them onto their side: the recovery position."),
    ("es", "Respira: póngala de lado (posición de recuperación)."),
    ("es", "¿Respira? Póngala de lado: la posición de recuperación."),
])
def test_the_branch_rule_catches_the_old_wording(language, line):
    assert branch_problems([("old", line)], WORDS[language])


@pytest.mark.parametrize("language,line", [
    ("en", "No response after 2 to 3 minutes? Give another dose."),
    ("en", "Naloxone: give it as soon as you can; again every 2 to 3 minutes."),
    ("es", "¿No responde después de 2 a 3 minutos? Dé otra dosis."),
    ("es", "Naloxona: désela lo antes posible; otra vez cada 2 a 3 minutos."),
])
def test_the_redose_rule_catches_the_old_wording(language, line):
    assert redose_problems([("old", line)], WORDS[language])


@pytest.mark.parametrize("language,text", [
    ("en", "Look, listen and feel for up to 10 seconds.\nNot breathing normally, or only gasping? Start CPR now."),
    ("es", "Mire, escuche y sienta.\n¿No respira normalmente, o solo boquea? Empiece RCP ahora."),
])
def test_the_airway_rule_catches_the_old_wording(language, text):
    assert airway_problems([("old", text)], WORDS[language])


def test_the_words_checked_are_the_ones_shown(tmp_path: Path):
    """A pack with the old step 4 back in it is caught (the rules read what the loader loads)."""

    pack = pack_with(tmp_path, "emergency.toml", '"Breathing normally: put them on their side (recovery position).",',
                     '"Breathing: put them on their side (recovery position).",')
    em, errors = load_emergency(pack)
    assert errors == []
    assert branch_problems(emergency_units(em, "changed"), WORDS["en"])
