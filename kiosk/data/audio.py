"""Audio in memory (issue 25): WAV bytes from espeak-ng's pipe, the CPR count's short clips and
the alarm's chime. No file is ever written; no Textual.

A count must be heard whole within one beat (110 a minute: 0.545 s) even though a player takes a
little while to start: each count is rendered once, its silence trimmed, and rendered again
faster until its sound fits CLIP_MAX.
"""

from __future__ import annotations

import array
import math
import struct
import subprocess
from typing import Callable, Optional, Sequence

RATE = 22050  # espeak-ng's sample rate for its own voices (16-bit mono)
CLIP_MAX = 0.42  # seconds of sound in a count's clip: a beat is 0.545 s, the player needs a moment
RATES = (175, 500)  # espeak-ng words a minute: its default, and the fastest we go (only "Siga empujando" needs it)
SILENT = 400  # |sample| below this is silence (espeak-ng's loudest is ~20000)
PAD = 0.01  # seconds kept either side of the sound, so nothing is clipped off


def wav_header(frames: Optional[int], rate: int = RATE) -> bytes:
    """A 16-bit mono WAV header; frames None: a stream of unknown length (as espeak-ng writes)."""
    size = 0x7FFFF000 if frames is None else frames * 2
    return b"RIFF" + struct.pack("<I", size + 36) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", size)


def samples(wav: bytes) -> array.array:
    """The 16-bit samples after espeak-ng's 44-byte header (its lengths are placeholders)."""
    data = array.array("h")
    body = wav[44:]
    data.frombytes(body[: len(body) // 2 * 2])
    return data


def seconds(wav: bytes) -> float:
    return len(samples(wav)) / RATE


def trimmed(data: array.array) -> array.array:
    """The sound without the silence espeak-ng puts before and after it."""
    loud = [i for i, s in enumerate(data) if abs(s) > SILENT]
    if not loud:
        return array.array("h")
    pad = int(PAD * RATE)
    return data[max(0, loud[0] - pad): loud[-1] + pad]


def as_wav(data: array.array) -> bytes:
    return wav_header(len(data)) + data.tobytes()


def short_clip(render: Callable[[int], bytes], longest: float = CLIP_MAX) -> bytes:
    """A clip of at most `longest` seconds of sound: `render(rate)` at the default rate, then (if too
    long) at the rate its length says it needs, a little faster each try, never past RATES[1]."""
    rate = RATES[0]
    data = trimmed(samples(render(rate)))
    for _ in range(6):
        if len(data) <= longest * RATE or rate >= RATES[1]:
            break
        rate = min(RATES[1], int(rate * len(data) / (longest * RATE) * 1.05) + 5)
        data = trimmed(samples(render(rate)))
    return as_wav(data)


def render_with(program: str, voice: str, text: str, env: dict, rate: Optional[int] = None,
                extra: Sequence[str] = ()) -> bytes:
    """espeak-ng's WAV for `text`, read from a pipe (it ends by itself within milliseconds)."""
    cmd = [program, "-v", voice, *(["-s", str(rate)] if rate else []), *extra, "--stdout", text]
    result = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, timeout=10, check=False)
    return result.stdout


def chime(level: int) -> bytes:
    """The alarm's own sound before its words (samples, no header): two falling tones, and at the
    top level three, higher and quicker: each repeat sounds different from the one before."""
    notes = [(988.0, 0.18), (740.0, 0.18)] if level < 3 else [(1319.0, 0.12), (988.0, 0.12), (1319.0, 0.12)]
    out = array.array("h")
    for freq, length in notes:
        n = int(length * RATE)
        fade = int(0.01 * RATE)
        for i in range(n):
            envelope = min(1.0, i / fade, (n - i) / fade)
            out.append(int(16000 * envelope * math.sin(2 * math.pi * freq * i / RATE)))
        out.extend([0] * int(0.04 * RATE))
    out.extend([0] * int(0.15 * RATE))
    return out.tobytes()
