"""Process-level lockdown: which signals end the kiosk, which are ignored. No Textual imports.

- Both modes: signals that would end the process for no reason of the kiosk's (SIGUSR1, SIGALRM,
  ... kiosk/entry.py STRAY_SIGNALS) are ignored.
- Both modes: SIGTERM (systemd stop) and SIGHUP (terminal gone) end the app cleanly, so the
  terminal is restored (alternate screen off, mouse reporting off, cursor shown).
- Kiosk mode: SIGINT / SIGTSTP / SIGQUIT from the terminal are ignored. (Textual turns the
  terminal's signal keys off anyway, so ^C ^Z ^\\ arrive as keys; this covers the rest.)
- Hang trap (see shared/design/textual-kiosk-notes.md): when a pty closes the kernel sends SIGHUP
  then SIGCONT; Textual's own SIGCONT handler can race the shutdown and deadlock the process.
  SIGCONT goes back to SIG_DFL whenever we handle SIGHUP. Nothing here needs SIGCONT: there is no
  suspend in the kiosk.
"""

from __future__ import annotations

import asyncio
import signal
from typing import Callable, Dict, List, Optional

IGNORED_IN_KIOSK = ("SIGINT", "SIGTSTP", "SIGQUIT")
CLEAN_EXIT = ("SIGTERM", "SIGHUP")


def _signals(names) -> List[signal.Signals]:
    return [getattr(signal, n) for n in names if hasattr(signal, n)]


def install(on_exit: Callable[[], None], kiosk_mode: bool,
            on_hangup: Optional[Callable[[], None]] = None) -> Dict[int, object]:
    """Install the handlers (call with the event loop running, after the driver started).

    Returns the previous dispositions (tests put them back).
    """
    previous: Dict[int, object] = {}
    loop = asyncio.get_running_loop()
    if kiosk_mode:
        for sig in _signals(IGNORED_IN_KIOSK):
            previous[sig] = signal.signal(sig, signal.SIG_IGN)
    from kiosk.entry import STRAY_SIGNALS  # ignored from the first line (kiosk/entry.py); here too for
    for sig in _signals(STRAY_SIGNALS):   # an app started another way (python -c, an embedding)
        previous[sig] = signal.signal(sig, signal.SIG_IGN)
    if hasattr(signal, "SIGCONT"):
        previous[signal.SIGCONT] = signal.signal(signal.SIGCONT, signal.SIG_DFL)
    for sig in _signals(CLEAN_EXIT):
        previous[sig] = signal.getsignal(sig)
        loop.add_signal_handler(sig, on_hangup if on_hangup is not None and sig == signal.SIGHUP else on_exit)
    return previous
