"""The speech engine (kiosk/data/speech.py): the real espeak-ng into a pipe, killing it, the fake."""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.data.speech import (
    EspeakEngine,
    FakeEngine,
    SilentEngine,
    SpeechStatus,
    check_report,
    make_engine,
    render,
    speakable,
    voice_for,
)

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng not installed (.ci/run installs it)")

SENTENCE = "Someone is not breathing. Put the phone on speaker next to them."


def samples(wav: bytes) -> array.array:
    """16-bit mono samples after the 44-byte header (espeak-ng --stdout streams: the header's
    lengths are placeholders, so we read to the end of the pipe)."""
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    data = array.array("h")
    body = wav[44:]
    data.frombytes(body[: len(body) // 2 * 2])
    return data


def sample_rate(wav: bytes) -> int:
    return int.from_bytes(wav[24:28], "little")


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_numbers_are_read_digit_by_digit_and_text_never_reads_as_an_option():
    assert speakable("Call 911 now") == "Call 9 1 1 now"
    assert speakable("Call 112, 30 pushes") == "Call 1 1 2, 30 pushes"
    assert speakable("--version\nand more") == "version and more"
    assert voice_for("es") == "es-419" and voice_for("en") == "en-us" and voice_for("fr") == "en-us"


@needs_espeak
@pytest.mark.parametrize("language", ["en", "es"])
def test_real_espeak_speaks_to_a_pipe_non_silent_plausible_length(language):
    wav = render(SENTENCE if language == "en" else "Alguien no respira. Ponga el teléfono en altavoz.",
                 language)
    data = samples(wav)
    seconds = len(data) / sample_rate(wav)
    assert 1.5 < seconds < 8.0, seconds  # ~11 words: a few seconds of speech, not a click or a minute
    loud = sum(1 for s in data if abs(s) > 1000)
    assert loud > len(data) // 10  # non-silent: a good share of the samples carry sound
    assert max(abs(s) for s in data) > 5000


@needs_espeak
def test_engine_pipes_audio_into_the_player_never_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    read_end, write_end = os.pipe()
    engine = EspeakEngine(ESPEAK, player=["cat"], player_stdout=write_end)
    engine.say(SENTENCE)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    wav = b"".join(chunks)
    assert len(samples(wav)) / sample_rate(wav) > 1.5
    engine.stop()
    assert list(tmp_path.iterdir()) == []


@needs_espeak
def test_stop_kills_synthesiser_and_player_within_50ms_no_process_left():
    # The player never reads, so espeak-ng blocks on a full pipe: both are alive until killed.
    engine = EspeakEngine(ESPEAK, player=["sleep", "30"])
    engine.say(SENTENCE * 40)
    pids = [c.pid for c in engine.children]
    time.sleep(0.3)
    assert engine.speaking and not any(gone(p) for p in pids)
    start = time.perf_counter()
    engine.stop()
    took = time.perf_counter() - start
    assert all(gone(p) for p in pids)
    assert not engine.speaking
    assert took < 0.05, f"stop took {took * 1000:.1f} ms"


@needs_espeak
def test_saying_something_new_cuts_the_old_one_off():
    engine = EspeakEngine(ESPEAK, player=["sleep", "30"])
    engine.say(SENTENCE * 40)
    first = [c.pid for c in engine.children]
    engine.say("Step two")
    assert all(gone(p) for p in first)
    engine.stop()


def test_a_missing_program_stays_silent_never_raises():
    engine = EspeakEngine("/nonexistent/espeak-ng", player=["cat"])
    engine.say("hello")
    assert not engine.speaking
    engine.stop()


def test_make_engine_is_silent_without_espeak_or_without_a_device():
    assert isinstance(make_engine(SpeechStatus(None, None, True)), SilentEngine)
    assert isinstance(make_engine(SpeechStatus("/usr/bin/espeak-ng", None, False)), SilentEngine)
    assert isinstance(make_engine(SpeechStatus("/usr/bin/espeak-ng", ("aplay", "-q"), True)), EspeakEngine)


def test_check_report_says_why_speech_does_not_work():
    assert "espeak-ng is not installed" in check_report(SpeechStatus(None, None, True))
    if ESPEAK:
        line = check_report(SpeechStatus(ESPEAK, None, False))
        assert "no audio device" in line and "makes speech" in line
        assert check_report(SpeechStatus(ESPEAK, ("aplay", "-q"), True)).startswith("Speech: works")


def test_fake_engine_records_texts_and_stops():
    fake = FakeEngine()
    fake.say("one", "es", level=1)
    assert fake.said == [("one", "es", 1)] and fake.speaking
    fake.stop()
    assert not fake.speaking and fake.stops == 1


def test_kiosk_check_reports_speech():
    out = subprocess.run([sys.executable, "-m", "kiosk", "--check"], capture_output=True, text=True,
                         timeout=60)
    assert "Speech:" in out.stdout and "voice in the emergency guide: on-request" in out.stdout


def test_config_speech_and_address_validated_with_file_and_line(tmp_path):
    from kiosk.data.config import load_config

    good = tmp_path / "good.toml"
    good.write_text('speech = "emergency"\naddress = "12 High Street, back door"\n')
    config, errors = load_config(good)
    assert errors == [] and config.speech == "emergency" and config.address == "12 High Street, back door"
    bad = tmp_path / "bad.toml"
    bad.write_text('region = "UK"\n\nspeech = "loud"\naddress = 5\n')
    config, errors = load_config(bad)
    assert config.speech == "on-request" and config.address == ""  # defaults kept
    text = "\n".join(str(e) for e in errors)
    assert "bad.toml:3: speech" in text and "off, on-request, emergency" in text and "'loud'" in text
    assert "bad.toml:4: address" in text


KILLED_PARENT = """
import sys, time
from kiosk.data.speech import EspeakEngine
engine = EspeakEngine(sys.argv[1], player=["sleep", "30"])  # a player that would play for 30 s
engine.say("Someone is not breathing. " * 40)
print(" ".join(str(c.pid) for c in engine.children), flush=True)
time.sleep(60)
"""


@needs_espeak
def test_a_killed_kiosk_takes_its_speech_children_with_it():
    """Issue 25: SIGKILL of the kiosk left the player playing to its end. The children die with it."""
    import signal

    parent = subprocess.Popen([sys.executable, "-c", KILLED_PARENT, ESPEAK], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and not any(gone(p) for p in pids)
        parent.kill()  # SIGKILL: no Python clean-up runs
        parent.wait(timeout=5)
        deadline = time.monotonic() + 2
        while not all(gone(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert all(gone(p) for p in pids), "the synthesiser or the player outlived the kiosk"
    finally:
        for pid in [p for p in locals().get("pids", []) if not gone(p)]:
            os.killpg(pid, signal.SIGKILL)


def test_one_queue_the_alarm_is_never_cut_off_by_a_step_or_a_count():
    """Issue 25: at +120 s the alarm was cut after 0.84 s by the breaths prompt, its loud repeat
    after 0.29 s by the count "23". Alarm > step > count."""
    from kiosk.data.speech import ALARM, COUNT, STEP

    now = [0.0]
    fake = FakeEngine()
    fake.clock = lambda: now[0]
    fake.say("Check their breathing.", priority=ALARM)
    fake.say("23", priority=COUNT)  # a count during the alarm: dropped, never later
    fake.say("2 breaths", priority=STEP, until=4.9)  # a step: waits for the alarm's end
    assert fake.texts == ["Check their breathing."] and fake.speaking and fake.pump()
    fake.finish()
    assert not fake.pump() and fake.texts[-1] == "2 breaths"
    fake.say("24", priority=COUNT)  # nor does a count cut a step
    assert fake.texts[-1] == "2 breaths"
    fake.say("Check their breathing.", level=1, priority=ALARM)  # the alarm cuts a step
    assert fake.said[-1] == ("Check their breathing.", "en", 1)
    fake.say("2 breaths", priority=STEP, until=4.9)
    now[0] = 5.0  # the alarm ended after the pause for breaths: too late to say it
    fake.finish()
    assert not fake.pump() and fake.texts[-1] == "Check their breathing." and not fake.speaking
    fake.say("1", priority=COUNT)
    fake.say("2", priority=COUNT)  # a count cuts the count before (it had its beat)
    assert fake.texts[-2:] == ["1", "2"]
    fake.say("Step two")
    fake.stop()  # Esc: everything, the waiting ones too
    fake.say("3", priority=COUNT)
    assert fake.texts[-1] == "3"


@needs_espeak
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_count_clip_is_made_in_memory_and_fits_well_inside_a_beat(language, tmp_path, monkeypatch):
    from kiosk.data import audio

    monkeypatch.chdir(tmp_path)
    engine = EspeakEngine(ESPEAK, player=["cat"])
    texts = [str(n) for n in range(1, 31)] + ["Keep pushing" if language == "en" else "Siga empujando"]
    engine._make_clips(texts, language)  # what prepare() runs in its thread
    lengths = {t: audio.seconds(engine.clips[(language, t)]) for t in texts}
    assert all(0.1 < s <= audio.CLIP_MAX + 0.001 for s in lengths.values()), lengths
    assert max(lengths.values()) < 60 / 110
    assert list(tmp_path.iterdir()) == []  # nothing written


def _stream(level: int) -> array.array:
    from kiosk.data.speech import ALARM

    read_end, write_end = os.pipe()
    engine = EspeakEngine(ESPEAK, player=["cat"], player_stdout=write_end)
    engine.say("Check their breathing.", level=level, priority=ALARM)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    engine.stop()
    return samples(b"".join(chunks))


def _tone_share(data, freq: float, rate: int = 22050) -> float:
    """How much of the window's energy is one pure tone (Goertzel): ~1 for a chime, ~0 for words."""
    import math

    coeff, s1, s2 = 2 * math.cos(2 * math.pi * freq / rate), 0.0, 0.0
    for x in data:
        s1, s2 = x + coeff * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    total = sum(x * x for x in data) * len(data) / 2
    return power / total if total else 0.0


@needs_espeak
def test_alarm_levels_sound_different_louder_then_a_chime_then_a_higher_one():
    rate = 22050
    plain, louder, chimed, highest = (_stream(level) for level in range(4))
    assert max(abs(s) for s in louder) > 1.3 * max(abs(s) for s in plain)
    head = slice(int(0.02 * rate), int(0.11 * rate))  # inside the first tone
    assert _tone_share(chimed[head], 988) > 0.8  # a tone first (B5)
    assert _tone_share(highest[head], 1319) > 0.8 and _tone_share(highest[head], 988) < 0.1  # a higher one (E6)
    assert _tone_share(plain[head], 988) < 0.1 and _tone_share(plain[head], 1319) < 0.1  # words only
    assert len(chimed) / rate > len(plain) / rate + 0.4  # and then the words, whole


@needs_espeak
@pytest.mark.parametrize("language", ["en", "es"])
def test_check_speak_says_a_test_sentence_then_counts_five_beats_whole(language, tmp_path):
    """`kiosk --check --speak`: what a deployer hears on their own speaker (here: the recording
    stand-in player) is the test sentence, whole, then 1 to 5 at the beat, each whole."""
    from conftest import CONTENT
    from support import played

    from kiosk.cli import speak_check

    player = [sys.executable, "-S", str(Path(__file__).resolve().parents[1] / "recording_player.py"), str(tmp_path)]
    line = speak_check(CONTENT, language, engine=EspeakEngine(ESPEAK, player=player))
    time.sleep(0.6)
    records = played(tmp_path)
    assert len(records) >= 6 and all(r["whole"] for r in records[:6]), records
    assert records[0]["seconds"] > 2 and all(r["seconds"] < 60 / 110 for r in records[1:6])
    assert ("voz del quiosco" if language == "es" else "kiosk's voice") in line and "1 to 5" in line


def test_kiosk_check_speak_without_sound_says_nothing_played():
    out = subprocess.run([sys.executable, "-m", "kiosk", "--check", "--speak"], capture_output=True, text=True,
                         timeout=60, env=dict(os.environ, PULSE_SERVER="", XDG_RUNTIME_DIR="/nonexistent"))
    assert "Speech (en): nothing played" in out.stdout or "Speech (en, voice en-us): said" in out.stdout
