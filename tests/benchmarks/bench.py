"""Speed, memory and idle benchmark of the installed `kiosk`, side by side with a bare Textual app
and with the single file (`kiosk --make-pyz`, run as `python kiosk.pyz`).

Run by hand (never collected by pytest), with the venv the kiosk is installed in:

    .venv/bin/python tests/benchmarks/bench.py            # everything, 5 runs each
    .venv/bin/python tests/benchmarks/bench.py --only startup --runs 9

Both apps run in a real terminal: a private tmux server, 80x24. What is measured:

- first content: from `tmux new-session` until capture-pane shows a known string of the first screen;
- peak RSS: VmHWM from /proc/<pid>/status, right after first content and again after a short visit;
- idle CPU: utime+stime from /proc/<pid>/stat over --idle seconds of no input, as % of one core;
- key -> emergency: `send-keys e` until the emergency screen's text shows (the bare app: `e` changes its label);
- key -> quick exit: `send-keys Escape` until no kiosk text is left on the screen, and until the process is gone
  (the bare app: ctrl+q until it is gone);
- search: in-process, per keystroke while typing words on the full pack (index build counted apart), for the
  search alone and for the search screen's whole handler (search + rebuilding the result list).

The single file is made afresh into a temporary folder (its size and build time are printed) and run by
the venv's Python, the same interpreter as the installed kiosk, so the difference is only zip vs installed;
`--pyz-python` runs it on another Python (e.g. 3.9, which finds no bytecode for itself in the file and
compiles the source in memory at each start). `--no-pyz` leaves it out.

Figures are medians over --runs runs (runs of the apps interleaved). Targets (issue 6) are printed alongside.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
SOCKET = f"kiosk-bench-{os.getpid()}"
POLL = 0.002
TICK = os.sysconf("SC_CLK_TCK")

HOME_TEXT = "Quick exit"  # in the kiosk's top bar, drawn with the first frame of the home screen
HOME_TEXT_2 = "Find help"  # the home menu
EMERGENCY_TEXT = "What to do, in order"  # the emergency screen's steps
BARE_TEXT = "Hello from a bare Textual app"
BARE_PRESSED = "Key seen by the bare app"
SEARCH_WORDS = ("methadone", "withdrawal", "naloxone", "buprenorphine", "overdose", "help", "treatment options", "zzz",
                # as people type them: brand and street words, typos (the typo rule's worst case), phrases
                "narcan", "clucking", "metadone", "withdrawl", "suboxen", "my friend is not breathing")


# tmux --------------------------------------------------------------------------------------
def tmux(*args: str, check: bool = True) -> str:
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    if check and out.returncode != 0:
        raise RuntimeError(f"tmux {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout


def capture(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name, check=False)


def pane_pid(name: str) -> int:
    return int(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())


def wait_for(name: str, test: Callable[[str], bool], since: float, timeout: float = 15.0) -> float:
    """Seconds from `since` until `test(screen text)` holds (polled), or raise."""
    start = since
    while True:
        if test(capture(name)):
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"timed out waiting on {name}; screen:\n{capture(name)}")
        time.sleep(POLL)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:  # gone between open and read
        return False


def wait_gone(pid: int, since: float, timeout: float = 10.0) -> float:
    start = since
    while alive(pid):
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"process {pid} did not exit")
        time.sleep(POLL)
    return time.perf_counter() - start


def vm_hwm_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().split(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def start(name: str, command: str, env: Dict[str, str]) -> float:
    """Start `command` in a new 80x24 session; seconds until it shows first content is measured by the caller."""
    flags: List[str] = []
    for key, value in env.items():
        flags += ["-e", f"{key}={value}"]
    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", *flags, f"exec {command}")
    tmux("set-option", "-t", name, "remain-on-exit", "on")
    return time.perf_counter()


# One run of one app -----------------------------------------------------------------------
@dataclass
class Run:
    first_content: float = 0.0
    rss_start: float = 0.0
    rss_after: float = 0.0
    idle_cpu: Optional[float] = None
    key_latency: float = 0.0
    exit_blank: Optional[float] = None
    exit_gone: Optional[float] = None


@dataclass
class Subject:
    label: str
    command: str
    ready: Callable[[str], bool]
    key: str
    after_key: Callable[[str], bool]
    exit_key: str
    blank: Optional[Callable[[str], bool]]
    visit: Optional[Callable[[str], None]] = None
    prelude: Optional[Callable[[str], None]] = None  # kiosk mode: a key to leave the welcome screen
    exits: bool = True  # kiosk mode: Esc ends the visit, not the process
    runs: List[Run] = field(default_factory=list)


ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}


def run_once(subject: Subject, n: int, idle: float) -> Run:
    name = f"{subject.label}-{n}"
    run = Run()
    t0 = start(name, subject.command, ENV)
    while True:  # first content: poll right from the start
        if subject.ready(capture(name)):
            run.first_content = time.perf_counter() - t0
            break
        if time.perf_counter() - t0 > 20:
            raise RuntimeError(f"{subject.label} never showed its first screen:\n{capture(name)}")
        time.sleep(POLL)
    pid = pane_pid(name)
    time.sleep(0.5)  # let the first screen settle
    run.rss_start = vm_hwm_mib(pid)
    if subject.prelude:
        subject.prelude(name)
    if idle:  # on the home screen (kiosk mode: in a visit, its idle-reset timer running)
        before = cpu_seconds(pid)
        time.sleep(idle)
        run.idle_cpu = (cpu_seconds(pid) - before) / idle * 100
    t = time.perf_counter()
    tmux("send-keys", "-t", name, subject.key)
    run.key_latency = wait_for(name, subject.after_key, t)
    time.sleep(0.3)
    if subject.visit:
        subject.visit(name)
    run.rss_after = vm_hwm_mib(pid)
    t = time.perf_counter()
    tmux("send-keys", "-t", name, subject.exit_key)
    if subject.blank:
        run.exit_blank = wait_for(name, subject.blank, t)
    if subject.exits:
        run.exit_gone = wait_gone(pid, t)
    tmux("kill-session", "-t", name, check=False)
    return run


WELCOME_TEXT = "Press any key to start"


def start_visit(name: str) -> None:
    """Kiosk mode: a key on the welcome screen starts a visit."""
    time.sleep(0.3)
    tmux("send-keys", "-t", name, "Space")
    wait_for(name, lambda s: HOME_TEXT_2 in s, time.perf_counter())
    time.sleep(0.3)


def kiosk_visit(name: str) -> None:
    """A short visit so 'peak RSS after' covers search and a page, not only the home screen."""
    tmux("send-keys", "-t", name, "BSpace")
    time.sleep(0.3)
    tmux("send-keys", "-t", name, "/")
    time.sleep(0.3)
    tmux("send-keys", "-t", name, "-l", "naloxone")
    time.sleep(0.5)
    tmux("send-keys", "-t", name, "Enter")
    time.sleep(0.5)


# Search, in process -----------------------------------------------------------------------
def bench_search() -> Dict[str, float]:
    from kiosk.data.content import ContentPack, default_content_dir
    from kiosk.data.search import SearchIndex
    from kiosk.data.searchwords import load_search_words

    pack = ContentPack(default_content_dir())
    t = time.perf_counter()
    index = SearchIndex(pack.pages(), load_search_words(pack.root))  # synonyms and screens, as the app
    build = time.perf_counter() - t
    per_key: List[float] = []
    for word in SEARCH_WORDS:
        for i in range(1, len(word) + 1):
            t = time.perf_counter()
            index.search(word[:i])
            per_key.append(time.perf_counter() - t)
    handler = asyncio.run(_bench_search_screen())
    return {
        "index build (first search)": build,
        "search() per key, median": statistics.median(per_key),
        "search() per key, max": max(per_key),
        "screen handler per key, median": statistics.median(handler),
        "screen handler per key, max": max(handler),
    }


async def _bench_search_screen() -> List[float]:
    """Time SearchScreen.on_input_changed (search + result list rebuild) for every keystroke."""
    from kiosk.factory import make_app
    from kiosk.ui.screens.search import SearchScreen

    times: List[float] = []
    original = SearchScreen.on_input_changed

    def timed(self, event):
        t = time.perf_counter()
        original(self, event)
        times.append(time.perf_counter() - t)

    SearchScreen.on_input_changed = timed  # type: ignore[method-assign]
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash")
            app.store.search_index  # noqa: B018 - built here, outside the per-key figures
            for word in SEARCH_WORDS:
                for ch in word:
                    await pilot.press(ch if ch != " " else "space")
                await pilot.pause()
                await pilot.press(*["backspace"] * len(word))
                await pilot.pause()
    finally:
        SearchScreen.on_input_changed = original  # type: ignore[method-assign]
    return times


# Report -----------------------------------------------------------------------------------
def med(values: List[Optional[float]]) -> Optional[float]:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def fmt(value: Optional[float], unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "%":
        return f"{value:.2f} %"
    return f"{value:.3f} s"


def table(rows: List[List[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measurement (first run only)")
    parser.add_argument("--only", choices=("startup", "terminal", "search"),
                        help="startup: first content and RSS only; terminal: everything in tmux; search: in-process only")
    parser.add_argument("--mode", choices=("personal", "kiosk"), default="personal",
                        help="kiosk: first content is the welcome screen, Esc ends the visit (the process stays)")
    parser.add_argument("--kiosk-args", default="", help="extra arguments for kiosk, e.g. '--theme monochrome'")
    parser.add_argument("--no-pyz", action="store_true", help="leave out the single file (kiosk --make-pyz)")
    parser.add_argument("--pyz-python", default=sys.executable, help="the Python that runs the single file")
    args = parser.parse_args()

    kiosk = BIN / "kiosk"
    if not kiosk.exists() or not shutil.which("tmux"):
        print(f"needs tmux and an installed kiosk in {BIN}", file=sys.stderr)
        return 2
    bare = Subject("bare", f"{sys.executable} {HERE / 'bare_app.py'}", lambda s: BARE_TEXT in s,
                   "e", lambda s: BARE_PRESSED in s, "C-q", None)
    def kiosk_subject(label: str, command: str) -> Subject:
        command = f"{command} --mode {args.mode} {args.kiosk_args}".strip()
        if args.mode == "kiosk":
            return Subject(label, command, lambda s: WELCOME_TEXT in s, "e", lambda s: EMERGENCY_TEXT in s, "Escape",
                           lambda s: WELCOME_TEXT in s and HOME_TEXT not in s, visit=kiosk_visit,
                           prelude=start_visit, exits=False)
        return Subject(label, command, lambda s: HOME_TEXT in s and HOME_TEXT_2 in s, "e",
                       lambda s: EMERGENCY_TEXT in s, "Escape",
                       lambda s: HOME_TEXT not in s and EMERGENCY_TEXT not in s, visit=kiosk_visit)

    app = kiosk_subject("kiosk", str(kiosk))
    subjects = [bare, app]
    scratch = tempfile.TemporaryDirectory(prefix="kiosk-bench-")
    pyz_note = ""
    if not args.no_pyz and args.only != "search":
        pyz = Path(scratch.name) / "kiosk.pyz"
        t = time.perf_counter()
        subprocess.run([str(kiosk), "--make-pyz", str(pyz)], check=True, capture_output=True)
        built = time.perf_counter() - t
        version = subprocess.run([args.pyz_python, "-c", "import sys; print(sys.version.split()[0])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        pyz_note = (f"single file: {pyz.stat().st_size / 1e6:.1f} MB, made in {built:.1f} s, "
                    f"run by Python {version} ({args.pyz_python})")
        subjects.append(kiosk_subject("file", f"{args.pyz_python} {pyz}"))

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs each, 80x24 in tmux, "
          f"kiosk in {args.mode} mode", flush=True)
    if pyz_note:
        print(pyz_note, flush=True)
    if args.only != "search":
        tmux("new-session", "-d", "-s", "warm", "-x", "80", "-y", "24")  # server up before any timing
        try:
            for n in range(args.runs):
                idle = args.idle if n == 0 and args.only != "startup" else 0
                for subject in subjects:
                    subject.runs.append(run_once(subject, n, idle))
                    r = subject.runs[-1]
                    print(f"  run {n + 1} {subject.label:5}: first content {r.first_content * 1000:.0f} ms, "
                          f"VmHWM {r.rss_start:.1f} MiB", flush=True)
        finally:
            tmux("kill-server", check=False)
            socket = Path(f"/tmp/tmux-{os.getuid()}") / SOCKET
            if socket.exists():
                socket.unlink()
            scratch.cleanup()

        def row(label: str, attr: str, unit: str, target: str, ratio: bool = False) -> List[str]:
            b = med([getattr(r, attr) for r in bare.runs])
            cells = [label, fmt(b, unit)]
            for subject in subjects[1:]:
                k = med([getattr(r, attr) for r in subject.runs])
                cells += [fmt(k, unit), f"{k / b:.2f}x" if ratio and b and k else ""]
            return cells + [target]

        header = ["measure (median)", "bare Textual", "kiosk", "ratio"]
        if len(subjects) > 2:
            header += ["single file", "ratio"]
        rows = [header + ["target"],
                row("time to first content", "first_content", "s", "<= 1.5x bare", True),
                row("peak RSS at first content", "rss_start", "MiB", "<= 1.3x bare", True)]
        if args.only != "startup":
            rows += [
                row("peak RSS after a visit", "rss_after", "MiB", "", True),
                row("idle CPU over %gs" % args.idle, "idle_cpu", "%", "< 1 % of a core"),
                row("key -> emergency shown (bare: label)", "key_latency", "ms", "< 50 ms"),
                row("Esc -> visit gone from the screen", "exit_blank", "ms", "< 50 ms"),
                row("exit key -> process gone", "exit_gone", "ms", ""),
            ]
        print()
        print(table(rows))
    if args.only in (None, "search"):
        print()
        figures = bench_search()
        print(table([["search on the full pack", "time", "target"]] +
                    [[k, fmt(v, "ms") if v >= 0.001 else f"{v * 1e6:.0f} us", "< 20 ms" if "per key" in k else ""]
                     for k, v in figures.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
