"""`kiosk` command line: run the app, or check a content pack and config for an administrator."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional, Sequence

from kiosk import __version__
from kiosk.data.baked import baked_config
from kiosk.data.config import GLYPHS, MODES, THEMES, Config, load_config
from kiosk.data.content import ContentPack, default_content_dir
from kiosk.data.tomlfile import ContentError, as_resource, is_file
from kiosk.ui.themes import auto_theme

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Traversable, Where


# The one table of exit codes (also in the README's "Command line").
EXIT_CODES = (
    (0, "done: the app was left (Ctrl+Q, personal-mode Esc) or an action succeeded (--check: valid)"),
    (1, "problems: --check found some, no terminal to run in, or the app stopped on an error (one line on stderr)"),
    (2, "usage error: an unknown or conflicting option, or a --lang the pack lacks"),
    (10, "the administrator's exit secret ended a kiosk-mode run (the systemd unit does not restart it)"),
)


def build_parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {code:<3} {meaning}" for code, meaning in EXIT_CODES)
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Offline, plain-language information about heroin dependence, for a shared terminal or a laptop.",
        epilog=f"Keys in the app: e emergency, Esc quick exit, ? all keys.\n\nExit codes:\n{codes}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # One action at a time: `--version --check` is a usage error, not a silent pick of one.
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument("--version", action="store_true", help="show the version, the content pack and the config in use")
    actions.add_argument("--check", action="store_true", help="check the content pack and config, print a summary, exit 0 if valid or 1 if not")
    parser.add_argument("--speak", action="store_true", help="with --check: say a test sentence and count five beats on this machine's speaker, in each language offered")
    parser.add_argument("--content", metavar="DIR", type=Path, help="use the content pack in DIR instead of the built-in one")
    parser.add_argument("--config", metavar="FILE", type=Path, help="deployment config (TOML): local numbers, services, mode")
    parser.add_argument("--mode", choices=MODES, help="personal (default; Ctrl+Q quits) or kiosk (shared terminal)")
    parser.add_argument("--lang", metavar="CODE", help="language to show, e.g. es (default from the config, else en); --check --lang CODE checks only that language")
    parser.add_argument("--theme", choices=THEMES, help="colour theme (default from the config, else 'default')")
    parser.add_argument("--practice", action="store_true", help="practice mode: the emergency guide, CPR coach and voice, labelled PRACTICE on every screen, no dose time kept")
    parser.add_argument("--screen-reader", action="store_true",
                        help="for a screen reader: visible cursor on the focused item, no blinking, no block art, "
                             "no redraw more than every 30 s unless a key or an alarm asks")
    parser.add_argument("--glyphs", choices=GLYPHS, help="console: only characters of the Linux console font; auto (default): console when TERM=linux")
    actions.add_argument("--hash-secret", action="store_true", help="read an administrator exit secret (no echo) and print its salted hash for exit_secret_hash")
    actions.add_argument("--print-systemd-unit", action="store_true", help="print the systemd unit, getty autologin drop-in and logind settings for boot-to-kiosk")
    actions.add_argument("--make-pyz", metavar="FILE", type=Path,
                        help="write the kiosk as one file that runs with Python 3.9+ and nothing else (python3 FILE); "
                             "--config and --content bake a config and a pack into it")
    parser.add_argument("--make-image", metavar="DISK.img", type=Path,
                        help="(as root, with mmdebstrap) write a disk image that boots a PC into the kiosk; "
                             "--config and --content bake in a config and a pack (README: Boot to kiosk)")
    return parser


def print_errors(errors: Sequence[ContentError], out=sys.stderr) -> None:
    for error in errors:
        print(f"  {error}", file=out)


def check_files(pack: ContentPack) -> List[ContentError]:
    """Every file of one language: pages and links, then the whole-file parts it has."""
    from kiosk.data.store import WHOLE_FILES, read_whole_file

    errors: List[ContentError] = list(pack.check())
    for name in WHOLE_FILES:
        pack.dir_for(name)  # a translation: compared with English, used or refused
        if pack.code == "en" or is_file(pack.root / name):  # a translation's own rules too, used or not
            errors += [e for e in read_whole_file(name, pack.root)[1] if e not in errors]
    return [e for e in pack.errors if e not in errors] + errors


def run_check(content: Where, config_path: Optional[Where], only: Optional[str] = None, speak: bool = False,
              today: Optional[datetime.date] = None) -> int:
    """`today`: the kiosk's clock (tests pass a date), for which drug alerts are over."""
    from kiosk.data.alerts import alert_warnings
    from kiosk.data.languages import REFERENCE, TranslatedPack, available, read_language

    pack = ContentPack(content)
    errors: List[ContentError] = check_files(pack)
    errors += check_search_words(pack, content)
    config, config_errors = load_config(config_path)
    errors += config_errors
    pages = list(pack.pages())
    words = sum(p.word_count() for p in pages)
    print(f"Content: {content}")
    print(f"  {len(pack.topics)} topics, {len(pages)} pages, {words} words")
    codes = available(content)
    errors += read_language(content, REFERENCE)[1]
    print(f"Languages: {', '.join(codes)} (en is the reference)")
    for code in codes[1:]:
        if only and code != only:
            continue
        translated = TranslatedPack(pack, code)
        errors += check_files(translated)
        from kiosk.data.ui_text import load_ui

        errors += load_ui(translated, lacks=translated.lacks)[1]
        for name in sorted(other_files(content)):
            translated.dir_for(name)
        if is_file(translated.root / "synonyms.toml"):  # its own search words, checked against its own pages
            errors += check_search_words(translated, translated.root, code)
        errors += [e for e in translated.errors if e not in errors]
        shown = sum(1 for p in translated.pages() if not p.fallback)
        print(f"  {code} ({translated.language.name}): {shown} of {len(pages)} pages translated; "
              f"{'complete' if not translated.lacks else f'{len(translated.lacks)} thing(s) shown in English'}")
        for line in translated.lacks:
            print(f"    lacks {line}")
    if not config.languages:  # as the kiosk will run: every language the pack has complete
        from kiosk.data.languages import complete_languages, lacking_files

        config = dataclasses.replace(config, languages=tuple(complete_languages(content)))
        for code in codes[1:]:
            if code not in config.languages:
                print(f"  {code}: not offered unless the config's `languages` names it; it lacks "
                      f"{', '.join(lacking_files(content, code))}")
    for code in (config.offered_languages if config_path is not None else ()):
        if code not in codes:
            errors.append(ContentError(str(config_path), None, "language",
                                       f"expected a language the pack has ({', '.join(codes)}); got {code!r}"))
    if config_path is not None:
        print(f"Config: {config_path}")
        print(f"  mode {config.mode}, {len(config.helplines)} helplines, {len(config.services)} services, "
              f"language {config.language} (offered: {', '.join(config.offered_languages)})")
        print_text_languages(config)
        if config.failed_closed:
            print("  (kiosk mode because the config failed to load or its mode is not valid: a broken config runs locked down)")
    from kiosk.data.speech import check_report

    print(check_report())
    if config.speech == "everything":  # the deployer is reminded what it means for a loudspeaker
        print("  voice: everything (every screen speaks, topic pages too: use headphones, never a loudspeaker)")
    else:
        print(f"  voice in the emergency guide: {config.speech}")
    if speak:
        for code in ([only] if only else [c for c in config.offered_languages if c in codes] or ["en"]):
            print(speak_check(content, code))
    warnings = alert_warnings(str(config_path), config.alerts, today or datetime.date.today())
    if warnings:  # the kiosk runs as it should: not a problem, but staff may have forgotten an alert
        print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''} (the kiosk runs; check "
              f"{'these' if len(warnings) != 1 else 'this'}):")
        print_errors(warnings, out=sys.stdout)
    if errors:
        print(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found:")
        print_errors(errors, out=sys.stdout)
        return 1
    print("OK: no problems found.")
    return 0


def speak_check(content: Where, language: str, engine=None, beat: float = 60 / 110) -> str:
    """`kiosk --check --speak`: the deployer hears the voice on their own speaker: a test sentence
    (ui.toml spoken.check), then the CPR count 1 to 5 at the coach's beat. One line of report."""
    import time

    from kiosk.data.speech import COUNT, make_engine, voice_for
    from kiosk.data.ui_text import read_ui

    engine = engine or make_engine()
    if not engine.works:
        return f"Speech ({language}): nothing played: speech does not work here (see the line above)"
    own = read_ui(content if language == "en" else as_resource(content) / language)[0]
    sentence = own.get("spoken.check") or read_ui(content)[0].get("spoken.check") or "This is the kiosk's voice."
    counts = [str(n) for n in range(1, 6)]
    engine.prepare(counts, language)
    start = time.monotonic()
    engine.say(sentence, language)
    while engine.speaking and time.monotonic() - start < 30:
        time.sleep(0.02)
    took = time.monotonic() - start
    clips = getattr(engine, "clips", None)
    while clips is not None and getattr(engine, "player", None) and time.monotonic() - start < 40 \
            and any((language, c) not in clips for c in counts):
        time.sleep(0.02)  # the count's clips are made in the background (the coach has them ready too)
    first = time.monotonic()
    for n, count in enumerate(counts):
        time.sleep(max(0.0, first + n * beat - time.monotonic()))
        engine.say(count, language, priority=COUNT)
    time.sleep(beat)
    engine.stop()
    return (f'Speech ({language}, voice {voice_for(language)}): said "{sentence}" ({took:.1f} s), then counted '
            "1 to 5 at the CPR beat. Heard clearly, loud enough, every count whole? If not: README, Voice")


def print_text_languages(config: Config) -> None:
    """Which of the deployer's texts lack a language the kiosk offers (a visitor using it reads
    them in the first language they are written in). A note for the deployer, not a problem."""
    from kiosk.data.localtext import local_texts, text_languages

    texts = list(local_texts(config))
    missing = False
    for code in config.offered_languages:
        lacking = [name for name, text in texts if code not in text_languages(text, config.language)]
        if lacking:
            missing = True
            print(f"  texts not written in {code} (shown in their first language): {', '.join(lacking)}")
    if missing:
        print('    a text in several languages is a table: naloxone_where = { en = "...", es = "..." }')


def check_search_words(pack: ContentPack, content: Where, lang: str = "en") -> List[ContentError]:
    """A language's synonyms file: valid, and every word it maps to is in that language's pages."""
    from kiosk.data.search import SearchIndex
    from kiosk.data.searchwords import check_means, load_search_words

    words = load_search_words(content, lang)
    index = SearchIndex(pack.pages(), words)
    return list(words.errors) + check_means(words, index.known_words(), content)


def other_files(content: Where) -> List[str]:
    """Whole-file parts of the English pack besides those the kiosk reads whole (e.g. synonyms.toml)."""
    from kiosk.data.languages import PER_PART
    from kiosk.data.store import WHOLE_FILES

    known = PER_PART + tuple(WHOLE_FILES)
    return [p.name for p in as_resource(content).iterdir() if p.name.endswith(".toml") and p.name not in known]


def clean_environment() -> None:
    """TEXTUAL_* variables can inject keys, load drivers or take screenshots: a kiosk drops them.
    COLUMNS/LINES too: the size comes from the terminal itself (COLUMNS=100000 would make Rich
    and Textual build a screen of 10^10 cells; COLUMNS=200 in an 80x24 terminal draws nothing)."""
    for name in [n for n in os.environ if n.startswith("TEXTUAL") or n in ("COLUMNS", "LINES")]:
        del os.environ[name]


DEPLOY_FILES = ("kiosk.service", "getty-autologin.conf", "kiosk-session.sh", "logind-kiosk.conf", "system-kiosk.conf",
                "kiosk-keymap.service", "sysctl-kiosk.conf", "console-setup", "grub-kiosk.cfg", "grub-kiosk-password")


def print_deploy_files(out=None) -> int:
    from importlib.resources import files

    from kiosk.data.baked import running_archive
    from kiosk.pyz import for_the_file

    out = out or sys.stdout
    archive = running_archive()
    deploy = files("kiosk").joinpath("deploy")  # through importlib.resources: from the zip too
    for name in DEPLOY_FILES:
        text = (deploy / name).read_text(encoding="utf-8")
        if archive is not None:  # units that run this file, named as the administrator sees it
            text = for_the_file(text, archive, baked_config() is not None)
        where = f"kiosk/deploy/{name} in {archive}" if archive is not None else str(deploy / name)
        print(f"# ===== {name} (from {where}) =====", file=out)
        print(text, file=out)
    return 0


def print_version(content: Traversable, config_path: Optional[Where]) -> int:
    """The version, and which pack and config a run with the same flags would use."""
    from kiosk.data.baked import about, running_archive

    carried = about()
    pack = ContentPack(content)
    version = f", version {pack.info.version}" if pack.info.version else ""
    print(f"kiosk {__version__}")
    print(f"Content pack: {pack.info.title}{version} ({content})")
    if config_path is None:
        print("Config: none (built-in defaults)")
    else:
        config, errors = load_config(config_path)
        where = f"region {config.region}" if config.region else "no region"
        number = f", emergency number {config.emergency_number}" if config.emergency_number else ""
        problems = f"; {len(errors)} problem(s), see --check" if errors else ""
        print(f"Config: {config_path} ({where}{number}, mode {config.mode}{problems})")
    archive = running_archive()
    if archive is not None:
        made = f", made with {carried['made_with']}" if "made_with" in carried else ""
        print(f"Running from the single file {archive}{made}")
        carries = f"content {carried.get('content', 'unknown')}; config {carried.get('config', 'none')}"
        print(f"  it carries: {carries}")
    return 0


def run_make_pyz(target: Path, content: Optional[Path], config_path: Optional[Where]) -> int:
    """Check what goes in (as --check does), then write the file. Nothing is written if anything is wrong."""
    from kiosk import pyz

    report = io.StringIO()
    with contextlib.redirect_stdout(report):  # exactly what --check finds, all languages included
        problems = run_check(content or default_content_dir(), config_path)
    if problems:
        found = report.getvalue()
        print("kiosk: not written: the content or config it would carry has problems (as --check reports):\n"
              + found[found.find("problem"):].split("\n", 1)[-1], file=sys.stderr, end="")
        return 1
    pack = ContentPack(content or default_content_dir())
    try:
        config_file = Path(config_path) if isinstance(config_path, (str, os.PathLike)) else None
        size, notes = pyz.make_pyz(target, content=content, config=config_file)
    except (pyz.BuildError, OSError) as error:
        print(f"kiosk: not written: {error}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"Wrote {target} ({size / 1_000_000:.1f} MB): kiosk {__version__}, content \"{pack.info.title}\"")
    print(f"Run it with Python 3.9 or newer, nothing else needed: python3 {target}")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.make_pyz or args.make_image) and (args.mode or args.theme or args.check):
        parser.error("--make-pyz bakes in only --config and --content (put mode and theme in the config)")
    if args.hash_secret:
        from kiosk.data.secret import run_hash_secret

        return run_hash_secret()
    if args.print_systemd_unit:
        return print_deploy_files()
    content = args.content or default_content_dir()
    config_path = args.config or baked_config()  # a config baked into the single file, unless one is given
    if args.version:
        return print_version(content, config_path)
    if args.make_image:
        if run_check(content, config_path) if args.config or args.content else 0:
            return 1
        from kiosk.pyz import run_make_image

        return run_make_image(args.make_image, args.content, args.config)  # a baked config goes on with the file
    if args.make_pyz:
        return run_make_pyz(args.make_pyz, args.content, args.config or baked_config())
    if args.speak and not args.check:
        print("kiosk: --speak goes with --check (kiosk --check --speak)", file=sys.stderr)
        return 2
    if args.check:
        return run_check(content, config_path, args.lang, speak=args.speak)
    config, errors = load_config(config_path)
    if errors:
        # For the administrator (stderr), never on the walk-up user's screen. No visit data here.
        print(f"kiosk: {len(errors)} problem(s) in the config; using defaults for those parts:", file=sys.stderr)
        print_errors(errors)
        if config.failed_closed:
            print("kiosk: the config cannot be trusted about its mode: running in kiosk mode (locked down)", file=sys.stderr)
    if args.lang or config.language != "en" or config.languages:
        from kiosk.data.languages import available

        codes = available(content)
        if args.lang and args.lang not in codes:
            print(f"kiosk: --lang {args.lang}: the pack has no such language (it has: {', '.join(codes)})", file=sys.stderr)
            return 2
        if args.lang:
            config = dataclasses.replace(config, language=args.lang)
        missing = [c for c in config.offered_languages if c not in codes]
        if missing:
            print(f"kiosk: the pack has no language {', '.join(missing)} (it has: {', '.join(codes)}); "
                  "left out", file=sys.stderr)
            offered = [c for c in config.offered_languages if c in codes] or ["en"]
            config = dataclasses.replace(config, language=offered[0], languages=tuple(offered))
    overrides: dict = {k: v for k, v in (("mode", args.mode), ("theme", args.theme), ("glyphs", args.glyphs)) if v}
    if args.screen_reader:
        overrides["screen_reader"] = True
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
        app.practice_always = args.practice
        try:
            app.run()
        finally:
            app.silence()  # no speech left sounding after the app has gone
    except Exception as error:  # never a traceback (its locals may hold visit data): one line, status 1
        from kiosk.terminal.error_report import safe_error_report

        print(safe_error_report(error), file=sys.stderr)
        return 1
    if app.cleared_on_exit:  # personal-mode quick exit: nothing of the app left on the terminal
        from kiosk.terminal.error_report import clear_terminal

        clear_terminal(sys.__stderr__)
    return app.return_code or 0
