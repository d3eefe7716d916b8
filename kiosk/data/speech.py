"""Speech: espeak-ng run as a child process, its audio piped to a player, never a file. No Textual.

espeak-ng is GPL: we call it as a separate program and never link it. One utterance at a time:
saying something new, or `stop()`, kills the current one. Each child runs in its own process
group so `stop()` ends the synthesiser and the player together with one SIGKILL each, and
reaps them at once: quick exit leaves no process behind and no sound after the screen is wiped.
Each child also asks the kernel for SIGKILL when the kiosk dies (PR_SET_PDEATHSIG), so even a
killed kiosk (SIGKILL, no clean-up) leaves no voice playing on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from kiosk.data import audio

# espeak-ng voices by kiosk language code; anything else speaks English rather than mispronounce.
VOICES = {"en": "en-us", "es": "es-419"}


def _no_sound_server() -> dict:
    """The environment for espeak-ng --stdout: it never plays, but its audio library would still
    reach for PulseAudio and create ~/.config/pulse or $XDG_RUNTIME_DIR/pulse. Pointing it at no
    server at all keeps it from writing anything (tests/pilot/test_handsfree_pilot.py checks)."""
    return dict(os.environ, PULSE_SERVER="/dev/null/none", PULSE_RUNTIME_PATH="/dev/null/none")


def _load_prctl():
    """libc's prctl, loaded once in the parent (nothing may be loaded between fork and exec)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()
PR_SET_PDEATHSIG = 1


def _child_setup(parent: int):
    """Runs in each child before exec: it gets SIGKILL when the kiosk dies, however it dies
    (SIGKILL included, where no clean-up of ours can run), so no voice outlives the screen."""
    def setup() -> None:
        if _PRCTL is not None:
            _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the kiosk died before the line above: go now
            os._exit(0)
    return setup


def _spawn(cmd: Sequence[str], **kwargs) -> subprocess.Popen:
    """A child in its own process group (stop() kills the group), tied to the kiosk's life."""
    return subprocess.Popen(list(cmd), start_new_session=True, preexec_fn=_child_setup(os.getpid()), **kwargs)


def voice_for(language: str) -> str:
    return VOICES.get(language.split("-")[0], VOICES["en"])


UNITS = ("cm", "ml", "mg")  # written short on screen, said as words (ui.toml [spoken])


def say_units(text: str, words: Dict[str, str]) -> str:
    """ "5 to 6 cm" -> "5 to 6 centimeters" with the words of the voice's language (espeak-ng
    spells an abbreviation out letter by letter). Only a unit on its own, or right after a number."""
    for unit in UNITS:
        word = words.get(unit)
        if word:
            text = re.sub(rf"(\d)(?={unit}\b)", r"\1 ", text)  # "4mg" -> "4 mg"
            text = re.sub(rf"\b{unit}\b", word, text)
    return text


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


ALARM, STEP, COUNT = 3, 2, 1  # what may cut off what: the alarm, a screen's words, the CPR count
LEVELS = ((100, None), (150, None), (200, None), (200, 70))  # alarm level -> espeak-ng -a, -p
CHIME_FROM = 2  # from this alarm level on, a chime comes before the words


@dataclass
class Utterance:
    text: str
    language: str = "en"
    level: int = 0  # 0: as usual; 1-3: an alarm repeated unanswered (louder, then a chime, then higher)
    priority: int = STEP
    until: Optional[float] = None  # engine.clock() time after which, still waiting, it is dropped


class SpeechEngine:
    """The one speech queue the kiosk speaks through (the real engine and the fake one in tests).

    Priorities: ALARM > STEP > COUNT. Something new cuts off what is playing when it matters as
    much or more; else a count is dropped (a late count is a wrong count) and a step or an alarm
    waits its turn, the newest of its kind only, dropped if its `until` passes first. Nothing
    plays itself next: the app calls pump() while anything waits (kiosk/ui/voice.py)."""

    works = False

    def __init__(self) -> None:
        self.clock: Callable[[], float] = time.monotonic  # the app's clock, for `until`
        self.current: Optional[Utterance] = None
        self.waiting: List[Utterance] = []

    # -- what each engine does: play one utterance, cut it off, tell whether it still plays --
    def _play(self, utterance: Utterance) -> None:
        raise NotImplementedError

    def _halt(self) -> None:
        raise NotImplementedError

    def _playing(self) -> bool:
        return False

    # -- the queue --
    def say(self, text: str, language: str = "en", level: int = 0, priority: int = STEP,
            until: Optional[float] = None) -> None:
        if not speakable(text):
            return
        new = Utterance(text, language, level, priority, until)
        self.pump()
        self.waiting = [w for w in self.waiting if w.priority != priority]  # the newest of a kind only
        if self.current is not None and self.current.priority > priority:
            if priority != COUNT:
                self.waiting = sorted(self.waiting + [new], key=lambda w: -w.priority)
            return
        self._halt()
        self.current = new
        self._play(new)

    def pump(self) -> bool:
        """If what was playing has ended, play the next waiting utterance still in time.
        True while something waits."""
        if self.current is not None and not self._playing():
            self.current = None
        while self.current is None and self.waiting:
            nxt = self.waiting.pop(0)
            if nxt.until is None or self.clock() <= nxt.until:
                self.current = nxt
                self._play(nxt)
        return bool(self.waiting)

    def stop(self) -> None:
        self.waiting = []
        self.current = None
        self._halt()

    @property
    def speaking(self) -> bool:
        return self.current is not None and self._playing()

    def prepare(self, texts: Sequence[str], language: str) -> None:
        """Make short clips for these texts (the CPR count) ahead of time, where the engine can."""


class SilentEngine(SpeechEngine):
    """No speech on this machine: every call does nothing."""

    def say(self, text: str, language: str = "en", level: int = 0, priority: int = STEP,
            until: Optional[float] = None) -> None:
        pass

    def _halt(self) -> None:
        pass


class EspeakEngine(SpeechEngine):
    """espeak-ng --stdout piped into a player (or espeak-ng playing itself when no player).

    Counts are played from clips made once, in memory, by a background thread (prepare()): each
    is trimmed of silence and, where it must be, said faster, to fit well inside a beat."""

    def __init__(self, program: str = "espeak-ng", player: Optional[Sequence[str]] = None,
                 player_stdout=subprocess.DEVNULL) -> None:
        super().__init__()
        self.program = program
        self.player = tuple(player) if player else None
        self.player_stdout = player_stdout  # tests: a pipe, to read what the player received
        self.children: List[subprocess.Popen] = []
        self.clips: Dict[Tuple[str, str], bytes] = {}  # (language, text) -> WAV bytes
        self.spare: Optional[subprocess.Popen] = None  # a player started ahead, for the next count
        self.making: set = set()  # (language, text) of clips a thread is making now
        self.works = True

    def command(self, text: str, language: str, level: int = 0, rate: Optional[int] = None) -> List[str]:
        cmd = [self.program, "-v", voice_for(language)]
        amplitude, pitch = LEVELS[min(level, len(LEVELS) - 1)]
        if amplitude != 100:
            cmd += ["-a", str(amplitude)]
        if pitch is not None:
            cmd += ["-p", str(pitch)]
        if rate:
            cmd += ["-s", str(rate)]
        if self.player:
            cmd.append("--stdout")
        return cmd + [speakable(text)]

    def prepare(self, texts: Sequence[str], language: str) -> None:
        todo = [t for t in texts if (language, t) not in self.clips and (language, t) not in self.making]
        if self.player and todo:
            self.making.update((language, t) for t in todo)  # asked again meanwhile: one thread still
            threading.Thread(target=self._make_clips, args=(todo, language), daemon=True).start()

    def _make_clips(self, texts: Sequence[str], language: str) -> None:
        voice, env = voice_for(language), _no_sound_server()
        for text in texts:
            words = speakable(text)

            def render(rate: int, words: str = words) -> bytes:
                return audio.render_with(self.program, voice, words, env, rate)
            try:
                self.clips[(language, text)] = audio.short_clip(render)
            except (OSError, subprocess.SubprocessError):
                pass  # no clip: the count is said by espeak-ng directly, faster
            self.making.discard((language, text))

    def _play(self, utterance: Utterance) -> None:
        text, language, level = utterance.text, utterance.language, utterance.level
        clip = self.clips.get((language, text)) if utterance.priority == COUNT else None
        if clip is None:
            self._drop_spare()  # counts only: no idle player waits while other words are said
        try:
            if self.player is None:
                self.children = [_spawn(self.command(text, language, level), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
            elif clip is not None:
                self._play_bytes(clip)
            elif level >= CHIME_FROM:
                self._play_chime_then(self.command(text, language, level), level)
            else:
                rate = audio.RATES[1] * 2 // 3 if utterance.priority == COUNT else None  # no clip yet
                synth = _spawn(self.command(text, language, level, rate), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_no_sound_server())
                self.children = [synth]
                self.children.append(_spawn(self.player, stdin=synth.stdout, stdout=self.player_stdout,
                                            stderr=subprocess.DEVNULL))
                assert synth.stdout is not None
                synth.stdout.close()  # the player holds the read end now: espeak-ng gets SIGPIPE if it dies
        except OSError:
            self._halt()  # the program vanished or cannot start: stay silent, never crash
            return
        self._reap_when_done(list(self.children))

    def _play_bytes(self, wav: bytes) -> None:
        """A clip from memory (smaller than a pipe's buffer, so the write never waits), into the
        player started ahead at the last count: a count sounds without waiting for a program to
        start (~100 ms of a 545 ms beat), then the next count's player is started."""
        player, self.spare = self.spare, None
        if player is None or player.poll() is not None:
            player = self._new_player()
        self.children = [player]
        assert player.stdin is not None
        try:
            player.stdin.write(wav)
            player.stdin.close()
        except OSError:
            pass
        self.spare = self._new_player()

    def _new_player(self) -> subprocess.Popen:
        assert self.player is not None
        return _spawn(self.player, stdin=subprocess.PIPE, stdout=self.player_stdout, stderr=subprocess.DEVNULL)

    def _drop_spare(self) -> None:
        spare, self.spare = self.spare, None
        if spare is not None:
            try:
                os.killpg(spare.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            spare.wait(timeout=1)

    @staticmethod
    def _reap_when_done(children: List[subprocess.Popen]) -> None:
        """A finished child is reaped at once (it stayed <defunct> until the next utterance): one
        small thread per utterance waits for its children. stop() may reap them first: Popen's own
        lock makes the two waits safe together."""
        def wait() -> None:
            for child in children:
                try:
                    child.wait()
                except Exception:  # never let a waiting thread print a traceback
                    pass

        threading.Thread(target=wait, name="speech-reaper", daemon=True).start()

    def stop(self) -> None:
        super().stop()
        self._drop_spare()

    def _play_chime_then(self, cmd: List[str], level: int) -> None:
        """The alarm's chime, then its words, as one stream: a thread copies espeak-ng's pipe on."""
        assert self.player is not None
        player = _spawn(self.player, stdin=subprocess.PIPE, stdout=self.player_stdout, stderr=subprocess.DEVNULL)
        synth = _spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       env=_no_sound_server(), bufsize=0)
        self.children = [synth, player]

        def feed() -> None:
            out, source = player.stdin, synth.stdout  # an unbuffered read end: read() returns what came
            assert out is not None and source is not None
            try:
                out.write(audio.wav_header(None) + audio.chime(level))
                out.flush()
                source.read(44)  # espeak-ng's own header: one stream has one
                for chunk in iter(lambda: source.read(8192), b""):
                    out.write(chunk)
                    out.flush()
            except (OSError, ValueError):
                pass  # cut off: the processes are gone
            finally:
                for end in (out, source):
                    try:
                        end.close()
                    except OSError:
                        pass

        threading.Thread(target=feed, daemon=True).start()

    def _halt(self) -> None:
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

    def _playing(self) -> bool:
        return any(c.poll() is None for c in self.children)


class FakeEngine(SpeechEngine):
    """For tests: records what was played (the queue is the real one), and when it was cut off."""

    def __init__(self, works: bool = True) -> None:
        super().__init__()
        self.works = works
        self.said: List[Tuple[str, str, int]] = []  # (text, language, alarm level) of each started
        self.stops = 0
        self._speaking = False

    def _play(self, utterance: Utterance) -> None:
        self.said.append((utterance.text, utterance.language, utterance.level))
        self._speaking = True

    def _halt(self) -> None:
        self._speaking = False

    def _playing(self) -> bool:
        return self._speaking

    def stop(self) -> None:
        self.stops += 1
        super().stop()

    def finish(self) -> None:
        """The utterance came to its end by itself (the next waiting one starts on the next pump)."""
        self._speaking = False

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
    return audio.render_with(program, voice_for(language), speakable(text), _no_sound_server())


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
