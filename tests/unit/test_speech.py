"""The speech engine (kiosk/data/speech.py): the real espeak-ng into a pipe, killing it, the fake."""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import sys
import time

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
    fake.say("one", "es", loud=True)
    assert fake.said == [("one", "es", True)] and fake.speaking
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
