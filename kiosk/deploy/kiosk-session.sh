#!/bin/sh
# Login shell of the "kiosk" user for the getty autologin drop-in: run the kiosk again after any
# exit or crash (back to the welcome screen in about a second). Textual draws on stderr, so stdout
# and stderr both stay on the console; the screen and scrollback are cleared between runs.
# Ctrl+C, Ctrl+\ and Ctrl+Z reach this shell too (same terminal): it must not end on them.
trap '' INT QUIT TSTP
# The console font for this panel, one the kiosk's glyphs were checked against (KIOSK_FONT, chosen
# in /etc/default/console-setup: kiosk/deploy/console-setup).
KIOSK_FONT=Lat15-Fixed16
[ -r /etc/default/console-setup ] && . /etc/default/console-setup
setfont "$KIOSK_FONT" 2>/dev/null || true
while :; do
    /opt/kiosk/.venv/bin/kiosk --mode kiosk --config /etc/kiosk/config.toml
    # Status 10: the administrator's exit (the secret): a shell for the administrator instead.
    [ $? -eq 10 ] && trap - INT QUIT TSTP && exec /bin/sh -l
    printf '\033[H\033[2J\033[3J'
    sleep 0.5
done
