"""The one "read a file and check its top-level keys, or fall back" step the crisis, emergency and
self-check loaders share (kiosk/data/checks.py, read_checked)."""

from __future__ import annotations

from kiosk.data.checks import read_checked
from kiosk.data.crisis import FALLBACK, load_crisis


def test_a_missing_file_gives_no_data_and_one_error_naming_it(tmp_path):
    data, ck = read_checked(tmp_path, "crisis.toml", ("title",))
    assert data is None and len(ck.errors) == 1 and "crisis.toml" in str(ck.errors[0])


def test_an_unknown_or_missing_key_is_an_error_naming_the_line(tmp_path):
    (tmp_path / "x.toml").write_text('title = "t"\n\nbogus = 1\n', encoding="utf-8")
    data, ck = read_checked(tmp_path, "x.toml", ("title", "intro"))
    assert data == {"title": "t", "bogus": 1}  # the loader decides what errors cost (crisis: all)
    shown = [str(e) for e in ck.errors]
    assert any(s.startswith(f"{tmp_path / 'x.toml'}:3: bogus:") for s in shown), shown
    assert any("intro" in s and "required" in s for s in shown), shown


def test_a_file_that_is_not_a_table_gives_no_data(tmp_path, monkeypatch):
    import kiosk.data.checks as checks

    monkeypatch.setattr(checks, "read_toml", lambda path: (["not", "a", "table"], "x"))
    data, ck = read_checked(tmp_path, "x.toml", ("title",))
    assert data is None and [e.expected for e in ck.errors] == ["expected a table, got a list"]


def test_good_keys_give_the_data_and_a_checker_for_the_rest(tmp_path):
    (tmp_path / "x.toml").write_text('title = "t"\n', encoding="utf-8")
    data, ck = read_checked(tmp_path, "x.toml", ("title",), ("intro",))
    assert data == {"title": "t"} and ck.errors == [] and ck.file == str(tmp_path / "x.toml")


def test_the_crisis_loader_still_falls_back_with_the_files_error(tmp_path):
    crisis, errors = load_crisis(tmp_path)
    assert crisis is FALLBACK and len(errors) == 1 and "crisis.toml" in str(errors[0])
