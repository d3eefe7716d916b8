"""Kiosk mode: the app on a shared terminal (`config.mode == "kiosk"`).

- `kiosk_mode.py`: `SharedTerminalApp`: visits as Textual modes, quick exit that throws the visit
  away, lockdown keys, the administrator's exit. (Personal mode's quick exit, which leaves the app,
  is `KioskApp.action_quick_exit` in kiosk/ui/app.py.)
- `idle_reset.py`: after a while with no input, a warning, then what quick exit does.

The OS-level parts both modes use (driver, signals, error report, input gate) are in kiosk/terminal/.
"""
