"""`kiosk` command line: run the app, or check a content pack and config for an administrator."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from kiosk import __version__
from kiosk.data.config import MODES, THEMES, load_config
from kiosk.data.content import ContentPack, default_content_dir
from kiosk.ui.themes import auto_theme
from kiosk.data.tomlfile import ContentError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Offline, plain-language information about heroin dependence, for a shared terminal or a laptop.",
        epilog="Keys in the app: e emergency, Esc quick exit, ? all keys.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument("--check", action="store_true", help="check the content pack and config, print a summary, exit 0 if valid or 1 if not")
    parser.add_argument("--content", metavar="DIR", type=Path, help="use the content pack in DIR instead of the built-in one")
    parser.add_argument("--config", metavar="FILE", type=Path, help="deployment config (TOML): local numbers, services, mode")
    parser.add_argument("--mode", choices=MODES, help="personal (default; Ctrl+Q quits) or kiosk (shared terminal)")
    parser.add_argument("--theme", choices=THEMES, help="colour theme (default from the config, else 'default')")
    parser.add_argument("--hash-secret", action="store_true", help="read an administrator exit secret (no echo) and print its salted hash for exit_secret_hash")
    parser.add_argument("--print-systemd-unit", action="store_true", help="print the systemd unit, getty autologin drop-in and logind settings for boot-to-kiosk")
    return parser


def print_errors(errors: Sequence[ContentError], out=sys.stderr) -> None:
    for error in errors:
        print(f"  {error}", file=out)


def run_check(content: Path, config_path: Optional[Path]) -> int:
    from kiosk.data.emergency import load_default_helplines, load_emergency

    pack = ContentPack(content)
    errors: List[ContentError] = list(pack.check())
    _, emergency_errors = load_emergency(content)
    errors += emergency_errors
    errors += load_default_helplines(content)[1]
    from kiosk.data.selfcheck import load_selfcheck

    errors += load_selfcheck(content).errors
    config, config_errors = load_config(config_path)
    errors += config_errors
    pages = list(pack.pages())
    words = sum(p.word_count() for p in pages)
    print(f"Content: {content}")
    print(f"  {len(pack.topics)} topics, {len(pages)} pages, {words} words")
    if config_path:
        print(f"Config: {config_path}")
        print(f"  mode {config.mode}, {len(config.helplines)} helplines, {len(config.services)} services")
        if config.failed_closed:
            print("  (kiosk mode because the config failed to load or its mode is not valid: a broken config runs locked down)")
    if errors:
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found:")
        print_errors(errors, out=sys.stdout)
        return 1
    print("OK: no problems found.")
    return 0


def clean_environment() -> None:
    """TEXTUAL_* variables can inject keys, load drivers or take screenshots: a kiosk drops them.
    COLUMNS/LINES too: the size comes from the terminal itself (COLUMNS=100000 would make Rich
    and Textual build a screen of 10^10 cells; COLUMNS=200 in an 80x24 terminal draws nothing)."""
    for name in [n for n in os.environ if n.startswith("TEXTUAL") or n in ("COLUMNS", "LINES")]:
        del os.environ[name]


def print_deploy_files(out=None) -> int:
    out = out or sys.stdout
    deploy = Path(__file__).resolve().parent / "deploy"
    for name in ("kiosk.service", "getty-autologin.conf", "kiosk-session.sh", "logind-kiosk.conf"):
        print(f"# ===== {name} (from {deploy / name}) =====", file=out)
        print((deploy / name).read_text(encoding="utf-8"), file=out)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.hash_secret:
        from kiosk.data.secret import run_hash_secret

        return run_hash_secret()
    if args.print_systemd_unit:
        return print_deploy_files()
    content = args.content or default_content_dir()
    if args.check:
        return run_check(content, args.config)
    config, errors = load_config(args.config)
    if errors:
        # For the administrator (stderr), never on the walk-up user's screen. No visit data here.
        print(f"kiosk: {len(errors)} problem(s) in the config; using defaults for those parts:", file=sys.stderr)
        print_errors(errors)
        if config.failed_closed:
            print("kiosk: the config cannot be trusted about its mode: running in kiosk mode (locked down)", file=sys.stderr)
    overrides = {k: v for k, v in (("mode", args.mode), ("theme", args.theme)) if v}
    if overrides:
        config = dataclasses.replace(config, **overrides)
    config = dataclasses.replace(config, theme=auto_theme(config.theme, os.environ))  # NO_COLOR, 16 colours
    if not config.kiosk_mode:
        from kiosk.entry import release_signals

        release_signals()  # kiosk/entry.py locked them in case this run was kiosk mode
    clean_environment()
    try:
        from kiosk.factory import make_app

        app = make_app(content=content, config=config)
        app.run()
    except Exception as error:  # never a traceback (its locals may hold visit data): one line, status 1
        from kiosk.terminal.error_report import safe_error_report

        print(safe_error_report(error), file=sys.stderr)
        return 1
    if app.cleared_on_exit:  # personal-mode quick exit: nothing of the app left on the terminal
        from kiosk.terminal.error_report import clear_terminal

        clear_terminal(sys.__stderr__)
    return app.return_code or 0
