"""The administrator's command line: --check, --version, --help."""

from __future__ import annotations

import pytest
from support import pack_with

from kiosk import __version__
from kiosk.cli import main


def test_check_on_the_shipped_pack(capsys):
    assert main(["--check"]) == 0
    out = capsys.readouterr().out
    assert "10 topics, 27 pages" in out and "OK" in out


def test_check_reports_file_line_and_exits_1(tmp_path, capsys):
    pack = pack_with(tmp_path, "pages/what-is.toml", "title =", "titel =")
    page = pack / "pages" / "what-is.toml"
    assert main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("titel"))
    assert f"pages/what-is.toml:{line}: titel: unknown key" in out
    assert "what-is.toml" in out and "title: missing" in out


def test_check_reports_config_problems(tmp_path, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text('mode = "kiosk"\nidle_seconds = "soon"\n', encoding="utf-8")
    assert main(["--check", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert f"{config}:2: idle_seconds: expected a whole number" in out


def test_version_and_help(capsys, tmp_path):
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"kiosk {__version__}\n") and "Content pack: Heroin dependence, version " in out
    assert "Config: none" in out and "single file" not in out
    config = tmp_path / "kiosk.toml"
    config.write_text('region = "UK"\nemergency_number = "0800 555 0199"\n', encoding="utf-8")
    assert main(["--version", "--config", str(config)]) == 0
    assert f"Config: {config} (region UK, emergency number 0800 555 0199, mode personal)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--check" in out and "--content" in out and "--config" in out


def run_entry(*args: str):
    """The `kiosk` command's first code (kiosk.entry) with no terminal: stdin from /dev/null."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = "import sys; from kiosk.entry import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, cwd=root, timeout=60)


def test_an_unknown_option_is_a_usage_error_with_or_without_a_terminal():
    done = run_entry("--bogus")
    assert done.returncode == 2
    assert "unrecognized arguments: --bogus" in done.stderr and "needs a terminal" not in done.stderr


def test_two_actions_at_once_are_a_usage_error():
    done = run_entry("--version", "--check")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr
    assert __version__ not in done.stdout  # neither ran


def test_one_table_of_exit_codes_in_help_and_readme():
    from pathlib import Path

    from kiosk.cli import EXIT_CODES

    help_text = run_entry("--help").stdout
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [code for code, _ in EXIT_CODES] == [0, 1, 2, 10]
    for code, meaning in EXIT_CODES:
        assert f"{code:<3} {meaning}" in help_text
        assert f"| {code} | {meaning} |" in readme


def test_a_missing_key_has_a_line_and_an_unknown_key_a_did_you_mean(tmp_path, capsys):
    pack = pack_with(tmp_path, "pages/what-is.toml", "title =", "titel =")
    page = pack / "pages" / "what-is.toml"
    assert main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("titel"))
    assert f"pages/what-is.toml:{line}: titel: unknown key; did you mean 'title'?" in out
    assert f"pages/what-is.toml:{line}: title: missing" in out  # at the misspelling
    (page).write_text(page.read_text(encoding="utf-8").replace("titel =", "# no title\nzzz =", 1), encoding="utf-8")
    main(["--check", "--content", str(pack)])
    out = capsys.readouterr().out
    assert "pages/what-is.toml:1: title: missing" in out  # no misspelling: the top of the file
    assert "zzz: unknown key; expected one of" in out  # nothing close: no guess
