"""Spoken text written for the ear (issue 25 point 7, with issue 23's content).

The screen text and the spoken text sit side by side in the content file (`say = "..."` next to
each text); the data layer loads it and falls back to the screen text; `kiosk --check` reports a
broken one. Spoken text is short, the action first and the key to press last; the first screen's
names the signs and "don't leave them alone"; the call step's is short (they are on the phone).
Lengths are measured with the real espeak-ng where it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from support import pack_with

from kiosk.data.config import Config
from kiosk.data.emergency_loader import load_emergency
from kiosk.data.speech import FakeEngine, speakable, voice_for
from kiosk.ui.screens.emergency import EmergencyScreen

PACKS = {"en": CONTENT, "es": CONTENT / "es"}
KEY = {"en": r"\bPress\b", "es": r"\bOprima\b"}
STAY = {"en": "Don't leave them alone.", "es": "No deje sola a la persona."}
SIGNS = {"en": ("can't be woken", "slow", "blue or grey"), "es": ("no despierta", "lento", "azules o grises")}


def says(language: str):
    em, errors = load_emergency(PACKS[language])
    assert errors == []
    yield "first screen", em.say
    for guide in em.guides:
        for step in guide.steps[guide.shared:]:
            if step.say:
                yield f"{guide.id} / {step.title}", step.say


def sentences(text: str):
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


def seconds(text: str, language: str) -> float:
    """How long espeak-ng takes to say `text` (its WAV from a pipe: 16-bit mono, 22,050 Hz)."""
    wav = subprocess.run(["espeak-ng", "-v", voice_for(language), "--stdout", speakable(text)],
                         capture_output=True, timeout=20, check=True).stdout
    return (len(wav) - 44) / (22050 * 2)


@pytest.mark.parametrize("language", sorted(PACKS))
def test_spoken_text_is_short_sentences_with_the_key_last(language):
    found = list(says(language))
    assert len(found) >= 10, found  # the first screen and every overdose step (and the device steps')
    for where, text in found:
        parts = sentences(text)
        assert all(len(s.split()) <= 14 for s in parts), (where, [s for s in parts if len(s.split()) > 14])
        keyed = [i for i, s in enumerate(parts) if re.search(KEY[language], s, re.I)]
        assert keyed == list(range(len(parts) - len(keyed), len(parts))), (where, text)  # keys come last


@pytest.mark.parametrize("language", sorted(PACKS))
def test_the_first_screen_says_the_signs_and_stay_and_is_short(language):
    em = load_emergency(PACKS[language])[0]
    assert em.say.startswith(("Call {number} now.", "Llame al {number} ahora."))
    assert STAY[language] in em.say
    for sign in SIGNS[language]:
        assert sign in em.say
    assert len(em.say.split()) <= 50  # was 94 words (35 s) of numbered steps read out
    call = next(s for s in em.guide("overdose").steps if s.id == "call")
    assert len(call.say.replace("{address}", "").split()) <= 20  # was 32-36 s while on the phone


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed here")
@pytest.mark.parametrize("language", sorted(PACKS))
def test_measured_with_espeak_ng(language):
    em = load_emergency(PACKS[language])[0]
    first = seconds(em.say.replace("{number}", "911"), language)
    call = next(s for s in em.guide("overdose").steps if s.id == "call")
    on_the_phone = seconds(call.say.replace("{number}", "911").replace("{address}", ""), language)
    assert 5 < first <= 20, first
    assert 2 < on_the_phone <= 8, on_the_phone


def without_say(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(CONTENT, pack)
    path = pack / "emergency.toml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("say = ")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def test_without_say_the_screen_text_is_spoken(tmp_path):
    em, errors = load_emergency(without_say(tmp_path))
    assert errors == [] and em.say == ""
    check = em.guide("overdose").steps[0]
    assert check.say == "" and check.spoken() == f"{check.title}. {check.text}"


async def test_without_say_the_first_screen_reads_its_steps(app_factory, tmp_path):
    fake = FakeEngine()
    app = app_factory(content=without_say(tmp_path), speech=fake, config=Config(region="UK", speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert fake.texts[-1].startswith("Call now 999.") and "1. Check:" in fake.texts[-1]


def test_a_broken_say_is_reported_and_the_step_still_shown(tmp_path):
    pack = pack_with(tmp_path, "emergency.toml", 'say = "Watch out for needles.',
                     'say = "' + "Too long. " * 50 + 'Watch out for needles.')
    em, errors = load_emergency(pack)
    message = "\n".join(str(e) for e in errors)
    assert "emergency.toml" in message and "say" in message and re.search(r":\d+", message)
    check = em.guide("overdose").steps[0]
    assert check.id == "check" and check.say == "" and "Watch out for needles." in check.text
    result = subprocess.run([sys.executable, "-m", "kiosk", "--check", "--content", str(pack)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "say" in result.stdout + result.stderr  # kiosk --check reports it
