"""Issue 22, also: a finished espeak-ng (or player) is reaped at once, never left <defunct> until
the next utterance."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kiosk.data.speech import EspeakEngine

TRUE = shutil.which("true")


def state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


@pytest.mark.skipif(TRUE is None or not Path("/proc/self/stat").exists(), reason="needs true(1) and /proc")
@pytest.mark.parametrize("player", [None, (TRUE,)], ids=["alone", "with-player"])
def test_a_finished_utterance_leaves_no_zombie(player):
    engine = EspeakEngine(program=TRUE, player=player)  # `true` "speaks" and ends at once
    engine.say("Check their breathing.")
    pids = [child.pid for child in engine.children]
    deadline = time.monotonic() + 3
    while any(state(pid) not in ("gone",) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [state(pid) for pid in pids] == ["gone"] * len(pids)  # not "Z" (defunct)
    engine.stop()
