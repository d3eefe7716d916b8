"""What the kiosk prints when something goes wrong: one line, no visit data; and the terminal wipe
after a personal-mode quick exit. No Textual imports."""

from __future__ import annotations

import os


def safe_error_report(error: BaseException) -> str:
    """One line for stderr: the error's type and where it happened, never its message or locals
    (either could hold what a visitor typed or read)."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)[-4:]
    where = "; ".join(f"{'/'.join(f.filename.replace(os.sep, '/').split('/')[-2:])}:{f.lineno} {f.name}" for f in frames)
    return (f"kiosk: unexpected error {type(error).__name__}" + (f" at {where}" if where else "")
            + ". Exiting with status 1 (a supervisor restarts the kiosk). No visit data is shown or kept.")


CLEAR_TERMINAL = "\x1b[H\x1b[2J\x1b[3J"  # home, clear the screen, clear the scrollback


def clear_terminal(stream) -> None:
    """After a personal-mode quick exit: nothing of the app (or before it) left on the terminal."""
    try:
        if stream is not None and stream.isatty():
            stream.write(CLEAR_TERMINAL)
            stream.flush()
    except (OSError, ValueError):
        pass
