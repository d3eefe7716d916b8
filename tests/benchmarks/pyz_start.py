"""Start time of the single file (`kiosk --make-pyz`) against the installed kiosk, on every Python 3.9+
this machine has (PATH and ~/.pyenv), issue 24's goal: the file within 1.3x the installed kiosk.

Run by hand (never collected by pytest): .venv/bin/python tests/benchmarks/pyz_start.py [--runs 5]

"Installed" on each Python: the file's own sources unpacked into a folder and compiled by that Python
(`compileall`, as pip does on install), run with that folder on sys.path, the same code as `pip install`
puts in site-packages (a venv per Python would need PyPI). "File": `python -S kiosk.pyz`. Both in
kiosk mode in an 80x24 tmux session; first content = from tmux new-session until the welcome screen
shows; and the CPU time the process used until then (its threads' /proc schedstat, in ns; steadier
than wall time on a loaded machine). Runs interleaved; medians printed. Also prints the file's size and build time.
`--compare OTHER.pyz` (repeatable) also runs other files in the same runs (e.g. one made before a change).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import capture, pane_pid, start, tmux  # noqa: E402

WELCOME = "Press any key to start"
VENV_KIOSK = Path(sys.executable).with_name("kiosk")


def cpu_seconds(pid: int) -> float:
    """Time on a CPU so far, of every thread of `pid` (the kiosk idles at the welcome screen)."""
    tasks = Path(f"/proc/{pid}/task")
    return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks.iterdir()) / 1e9


def first_content(name: str, command: str) -> Tuple[float, float]:
    """Seconds until the welcome screen shows, and CPU seconds the process used until then."""
    try:
        since = start(name, command, {"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    except RuntimeError:  # the private tmux server was just exiting with the last session: again
        time.sleep(0.5)
        since = start(name, command, {"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    try:
        while WELCOME not in capture(name):
            if time.perf_counter() - since > 60:
                raise RuntimeError(f"{name}: no welcome screen:\n{capture(name)}")
            time.sleep(0.01)
        wall = time.perf_counter() - since
        return wall, cpu_seconds(pane_pid(name))  # the pane runs the command itself (exec)
    finally:
        tmux("kill-session", "-t", name, check=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", metavar="X.Y", help="only this Python version")
    parser.add_argument("--compare", metavar="OTHER.pyz", type=Path, action="append", default=[],
                        help="another file, run in the same runs (repeatable)")
    args = parser.parse_args()
    from kiosk.pyz import other_pythons

    work = Path(tempfile.mkdtemp(prefix="pyz-start-"))
    t0 = time.perf_counter()
    subprocess.run([str(VENV_KIOSK), "--make-pyz", str(work / "kiosk.pyz")], check=True, capture_output=True)
    built = time.perf_counter() - t0
    size = (work / "kiosk.pyz").stat().st_size / 1e6
    with zipfile.ZipFile(work / "kiosk.pyz") as zf:
        carried = zf.read("kiosk/baked/about.toml").decode()
        zf.extractall(work / "src", [n for n in zf.namelist() if not n.endswith(".pyc")])
    print(f"file: {size:.1f} MB, made in {built:.0f} s; {[ln for ln in carried.splitlines() if 'bytecode' in ln][0]}")
    pythons = [os.path.realpath(sys.executable)] + other_pythons()
    others = "".join(f" {path.name[:12]:>12} {'ratio':>6}" for path in args.compare)
    print(f"{'Python':<10} {'':<5} {'installed':>10} {'file':>8} {'ratio':>6}{others}")
    for python in pythons:
        version = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                 capture_output=True, text=True).stdout.strip()
        if args.only and version != args.only:
            continue
        site = work / f"site-{version}"
        subprocess.run(["cp", "-r", str(work / "src"), str(site)], check=True)
        subprocess.run([python, "-m", "compileall", "-q", str(site)], capture_output=True)
        installed = (f"{python} -S -c 'import sys; sys.path.insert(0, \"{site}\"); "
                     f"from kiosk.entry import main; sys.exit(main())' --mode kiosk")
        single = f"{python} -S {work / 'kiosk.pyz'} --mode kiosk"
        times: Dict[str, List[Tuple[float, float]]] = {"installed": [], "file": [], **{str(p): [] for p in args.compare}}
        for n in range(args.runs):
            times["installed"].append(first_content(f"inst{n}", installed))
            times["file"].append(first_content(f"pyz{n}", single))
            for i, path in enumerate(args.compare):
                times[str(path)].append(first_content(f"other{i}-{n}", f"{python} -S {path.resolve()} --mode kiosk"))
        for column, what in ((0, "wall"), (1, "cpu")):
            inst, pyz = (statistics.median(t[column] for t in times[k]) for k in ("installed", "file"))
            line = f"{version:<10} {what:<5} {inst:>9.2f}s {pyz:>7.2f}s {pyz / inst:>5.2f}x"
            for path in args.compare:
                other = statistics.median(t[column] for t in times[str(path)])
                line += f" {other:>11.2f}s {other / inst:>5.2f}x"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
