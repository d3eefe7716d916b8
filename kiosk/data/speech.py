"""Speech: espeak-ng run as a child process, its audio piped to a player, never a file. No Textual.

espeak-ng is GPL: we call it as a separate program and never link it. One utterance at a time:
saying something new, or `stop()`, kills the current one. Each child runs in its own process
group so `stop()` ends the synthesiser and the player together with one SIGKILL each, and
reaps them at once: quick exit leaves no process behind and no sound after the screen is wiped.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

# espeak-ng voices by kiosk language code; anything else speaks English rather than mispronounce.
VOICES = {"en": "en-us", "es": "es-419"}
LOUD = 200  # espeak-ng -a amplitude for the repeated, louder alarm (default 100)


def _no_sound_server() -> dict:
    """The environment for espeak-ng --stdout: it never plays, but its audio library would still
    reach for PulseAudio and create ~/.config/pulse or $XDG_RUNTIME_DIR/pulse. Pointing it at no
    server at all keeps it from writing anything (tests/pilot/test_handsfree_pilot.py checks)."""
    return dict(os.environ, PULSE_SERVER="/dev/null/none", PULSE_RUNTIME_PATH="/dev/null/none")


def voice_for(language: str) -> str:
    return VOICES.get(language.split("-")[0], VOICES["en"])


def speakable(text: str) -> str:
    """What to hand the synthesiser: numbers of 3+ digits read digit by digit ("9 1 1", not
    "nine hundred and eleven"), no leading '-' (never read as an option), one line."""
    text = re.sub(r"\d{3,}", lambda m: " ".join(m.group(0)), text)
    text = " ".join(text.split())
    return text.lstrip("- ")


@dataclass(frozen=True)
class SpeechStatus:
    program: Optional[str]  # path of espeak-ng, None when absent
    player: Optional[Tuple[str, ...]]  # the command audio is piped into, None: espeak-ng plays itself
    device: bool  # an audio device or sound server is present

    @property
    def works(self) -> bool:
        return self.program is not None and self.device

    @property
    def problem(self) -> Optional[str]:
        """'no-engine' or 'no-device' (keys of the [speech] texts in ui.toml), None when it works."""
        if self.program is None:
            return "no_engine"
        if not self.device:
            return "no_device"
        return None


def _pulse_socket() -> bool:
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return False
    return Path(runtime, "pulse", "native").exists() or Path(runtime, "pipewire-0").exists()


def _alsa_device(snd: Path = Path("/dev/snd")) -> bool:
    try:
        return any(p.name.startswith("pcm") and p.name.endswith("p") for p in snd.iterdir())
    except OSError:
        return False


def detect() -> SpeechStatus:
    """What this machine can do: espeak-ng present? a sound server or ALSA playback device?"""
    program = shutil.which("espeak-ng")
    pulse, alsa = _pulse_socket(), _alsa_device()
    player: Optional[Tuple[str, ...]] = None
    if pulse and shutil.which("paplay"):
        player = ("paplay",)
    elif alsa and shutil.which("aplay"):
        player = ("aplay", "-q")
    return SpeechStatus(program, player, pulse or alsa)


class SpeechEngine:
    """The interface the kiosk speaks through (the real one and the fake one in tests)."""

    works = False

    def say(self, text: str, language: str = "en", loud: bool = False) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    @property
    def speaking(self) -> bool:
        return False


class SilentEngine(SpeechEngine):
    """No speech on this machine: every call does nothing."""

    def say(self, text: str, language: str = "en", loud: bool = False) -> None:
        pass

    def stop(self) -> None:
        pass


class EspeakEngine(SpeechEngine):
    """espeak-ng --stdout piped into a player (or espeak-ng playing itself when no player)."""

    def __init__(self, program: str = "espeak-ng", player: Optional[Sequence[str]] = None,
                 player_stdout=subprocess.DEVNULL) -> None:
        self.program = program
        self.player = tuple(player) if player else None
        self.player_stdout = player_stdout  # tests: a pipe, to read what the player received
        self.children: List[subprocess.Popen] = []
        self.works = True

    def command(self, text: str, language: str, loud: bool) -> List[str]:
        cmd = [self.program, "-v", voice_for(language)]
        if loud:
            cmd += ["-a", str(LOUD)]
        if self.player:
            cmd.append("--stdout")
        return cmd + [speakable(text)]

    def say(self, text: str, language: str = "en", loud: bool = False) -> None:
        self.stop()
        if not speakable(text):
            return
        # Own session (process group): stop() kills each group; stdin/stderr never the terminal's.
        try:
            if self.player is None:
                self.children = [subprocess.Popen(self.command(text, language, loud), stdin=subprocess.DEVNULL,
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                  start_new_session=True)]
                return
            synth = subprocess.Popen(self.command(text, language, loud), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     start_new_session=True, env=_no_sound_server())
            self.children = [synth]
            self.children.append(subprocess.Popen(list(self.player), stdin=synth.stdout, stdout=self.player_stdout,
                                                  stderr=subprocess.DEVNULL, start_new_session=True))
            assert synth.stdout is not None
            synth.stdout.close()  # the player holds the read end now: espeak-ng gets SIGPIPE if it dies
        except OSError:
            self.stop()  # the program vanished or cannot start: stay silent, never crash

    def stop(self) -> None:
        """Kill every child's process group at once, then reap them (no zombie, no sound left)."""
        children, self.children = self.children, []
        for child in children:
            if child.poll() is None:
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        for child in children:
            try:
                child.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass

    @property
    def speaking(self) -> bool:
        return any(c.poll() is None for c in self.children)


class FakeEngine(SpeechEngine):
    """For tests: records what would be said, and when it was cut off."""

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.said: List[Tuple[str, str, bool]] = []  # (text, language, loud)
        self.stops = 0
        self._speaking = False

    def say(self, text: str, language: str = "en", loud: bool = False) -> None:
        self.said.append((text, language, loud))
        self._speaking = True

    def stop(self) -> None:
        self.stops += 1
        self._speaking = False

    def finish(self) -> None:
        """The utterance came to its end by itself."""
        self._speaking = False

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def texts(self) -> List[str]:
        return [t for t, _, _ in self.said]


def make_engine(status: Optional[SpeechStatus] = None) -> SpeechEngine:
    """The real engine where speech works here, else a silent one."""
    status = status or detect()
    if not status.works or status.program is None:
        return SilentEngine()
    return EspeakEngine(status.program, status.player)


def render(text: str, language: str = "en", program: str = "espeak-ng") -> bytes:
    """The WAV espeak-ng makes for `text`, read from a pipe (for `kiosk --check` and tests)."""
    result = subprocess.run([program, "-v", voice_for(language), "--stdout", speakable(text)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=_no_sound_server(), timeout=10, check=False)
    return result.stdout


def check_report(status: Optional[SpeechStatus] = None) -> str:
    """One line for `kiosk --check` (for the administrator, so plain English)."""
    status = status or detect()
    if status.program is None:
        return "Speech: does not work here: espeak-ng is not installed (apt-get install espeak-ng); " \
               "the guide shows every step and the CPR beat on screen and rings the terminal bell"
    try:
        wav = render("test", program=status.program)
    except (OSError, subprocess.SubprocessError):
        wav = b""
    engine = f"espeak-ng {status.program}: " + ("makes speech" if wav[:4] == b"RIFF" and len(wav) > 1000
                                                else "FAILED to make speech")
    if not status.device:
        return f"Speech: does not work here: no audio device or sound server ({engine}); " \
               "the guide shows every step and the CPR beat on screen and rings the terminal bell"
    player = " ".join(status.player) if status.player else "espeak-ng itself"
    return f"Speech: works ({engine}; played by {player})"
