"""The `kiosk` command's first code (`python -m kiosk` too). Only the standard library runs
before the kiosk is locked down: everything else is imported afterwards, by kiosk.cli.

- No bytecode is written at run time: kiosk/__init__.py (run before this) sets
  `sys.dont_write_bytecode`; kiosk.service sets PYTHONDONTWRITEBYTECODE=1 for that file itself.
- Kiosk mode ignores Ctrl+C, Ctrl+\\ and Ctrl+Z from the very start: Textual turns the terminal's
  signal keys off only once it runs (~0.3 s later), and a key in between would end the kiosk with
  a traceback (SIGINT) or a core dump (SIGQUIT, status 131). Whether this run may be kiosk mode is
  decided from the arguments alone (the config is not read yet): `--mode kiosk`, or a `--config`
  without `--mode personal` (a broken config runs locked down, see kiosk/data/config.py). If the
  config turns out to say personal, kiosk.cli gives the signals back.
- Signals a local shell can send whose default action ends the process (SIGUSR1, SIGALRM, ...) are
  ignored from the start in both modes: they would end the kiosk and leave the terminal in the
  alternate screen with mouse reporting on. SIGTERM and SIGHUP end it cleanly
  (kiosk/terminal/signals.py). Faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) are left alone:
  ignoring them would loop on the fault.
- The arguments are parsed first (after the lock): a usage error is exit 2 with or without a terminal.
- The app needs a terminal: with stdin or stderr not a terminal it says so in one line and exits
  (Textual would busy-loop reading a file or /dev/null).
"""

from __future__ import annotations

import signal
import sys
from typing import List, Optional, Sequence

LOCKED_SIGNALS = ("SIGINT", "SIGQUIT", "SIGTSTP")
STRAY_SIGNALS = ("SIGUSR1", "SIGUSR2", "SIGALRM", "SIGPIPE", "SIGVTALRM", "SIGPROF", "SIGPOLL", "SIGIO",
                 "SIGXCPU", "SIGXFSZ", "SIGPWR", "SIGSTKFLT", "SIGTRAP", "SIGSYS", "SIGEMT", "SIGLOST")
# Flags that run something other than the app (an administrator at a shell: Ctrl+C must work).
ADMIN_FLAGS = ("--check", "--hash-secret", "--print-systemd-unit", "--version", "--help", "-h", "--make-pyz", "--make-image")

_locked: List[int] = []


def _option(argv: Sequence[str], name: str) -> Optional[str]:
    """The value of `--name VALUE` or `--name=VALUE` (the last one wins, as argparse)."""
    value = None
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def runs_app(argv: Sequence[str]) -> bool:
    return not any(arg in ADMIN_FLAGS or arg.split("=", 1)[0] in ADMIN_FLAGS for arg in argv)


def may_be_kiosk(argv: Sequence[str]) -> bool:
    if not runs_app(argv):
        return False
    mode = _option(argv, "--mode")
    return mode == "kiosk" or (mode != "personal" and _option(argv, "--config") is not None)


def lock_signals() -> None:
    for name in LOCKED_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, signal.SIG_IGN)
            _locked.append(sig)


def ignore_stray_signals() -> None:
    """Children get them back: subprocess restores SIGPIPE and SIGXFSZ, and the voice's players
    are killed with SIGKILL (kiosk/data/speech.py)."""
    for name in STRAY_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):  # not settable here
                pass


def release_signals() -> None:
    """Personal mode after all: Ctrl+C and friends as Python has them by default."""
    while _locked:
        sig = _locked.pop()
        signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if runs_app(args):
        ignore_stray_signals()
    if may_be_kiosk(args):
        lock_signals()
    from kiosk.cli import build_parser
    from kiosk.cli import main as cli_main

    build_parser().parse_args(args)  # a usage error is one (exit 2), terminal or not
    if runs_app(args) and not has_terminal():
        print("kiosk: needs a terminal (stdin and stderr are not one); nothing to show.", file=sys.stderr)
        return 1

    return cli_main(args)
