"""Issue 22 item 2 (and the pack's symlinks): an integer too long for Python to read (4,300+
digits, a ValueError, not a TOMLDecodeError) or wider than TOML's 64 bits in a config or a page is
a one-line error naming the file and the line; the kiosk fails closed; `--check` and `--make-pyz`
say so without a traceback. `--make-pyz --content` packs only the pack's own regular files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.cli import main
from kiosk.data.config import load_config
from kiosk.data.content import ContentPack
from kiosk.data.tomlfile import ContentError, read_toml

HUGE = "9" * 4400  # past Python's int-from-text limit (4,300 digits)
WIDE = "0x" + "f" * 4000  # hex is read whatever its length, but printing it raises the same ValueError


@pytest.fixture
def pack(tmp_path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(CONTENT, root)
    return root


@pytest.mark.parametrize("number", [HUGE, WIDE, "9223372036854775808"], ids=["4400-digits", "hex", "2**63"])
def test_a_number_too_big_is_an_error_naming_file_and_line(tmp_path, number):
    config = tmp_path / "config.toml"
    config.write_text(f'region = "UK"\n\nidle_seconds = {number}\n')
    with pytest.raises(ContentError) as caught:
        read_toml(config)
    assert caught.value.file == str(config) and caught.value.line == 3
    assert len(str(caught.value)) < 200  # one line, not the number back


def test_a_config_with_a_huge_number_fails_closed(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'mode = "personal"\nidle_seconds = {HUGE}\n')
    loaded, errors = load_config(config)
    assert loaded.kiosk_mode and loaded.failed_closed
    assert [e.line for e in errors] == [2]


def test_check_names_file_and_line_without_a_traceback(tmp_path, pack, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f"idle_seconds = {HUGE}\n")
    page = next((pack / "pages").glob("*.toml"))
    page.write_text(page.read_text(encoding="utf-8") + f"\nextra = {HUGE}\n", encoding="utf-8")
    assert main(["--check", "--content", str(pack), "--config", str(config)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert [line for line in out.out.splitlines() if f"{config}:1" in line]
    assert [line for line in out.out.splitlines() if f"{page}:" in line]
    assert max(len(line) for line in out.out.splitlines()) < 300


def test_a_page_with_a_huge_number_is_left_out_and_the_rest_runs(pack):
    page = next((pack / "pages").glob("*.toml"))
    page.write_text(page.read_text(encoding="utf-8") + f"\nextra = {HUGE}\n", encoding="utf-8")
    loaded = ContentPack(pack)
    assert loaded.page(page.stem) is None
    assert any(str(page) in str(e) for e in loaded.errors)


def test_make_pyz_refuses_without_a_traceback(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f"idle_seconds = {HUGE}\n")
    assert main(["--make-pyz", str(tmp_path / "k.pyz"), "--config", str(config)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err and not (tmp_path / "k.pyz").exists()


def test_make_pyz_packs_no_symlink_out_of_the_pack(tmp_path, pack):
    secret = tmp_path / "outside.toml"
    secret.write_text('secret = "from outside the pack"\n')
    (pack / "pages" / "zz-link.toml").symlink_to(secret)
    (pack / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    from kiosk import pyz

    files = pyz.pack_files(pack)
    assert not any("zz-link" in name or "linked-dir" in name for name in files)
    assert all(not path.is_symlink() and path.resolve().is_relative_to(pack.resolve()) for path in files.values())
    assert files, "the pack's own files still go in"


def test_pack_files_only_takes_files_inside(tmp_path, pack):
    """The archive built from the pack holds nothing from outside it (checked on the bytes)."""
    secret = tmp_path / "outside.toml"
    secret.write_text('secret = "from outside the pack"\n')
    (pack / "pages" / "zz-link.toml").symlink_to(secret)
    from kiosk import pyz

    target = tmp_path / "k.pyz"
    pyz.write(target, {name: path.read_bytes() for name, path in pyz.pack_files(pack).items()})
    with zipfile.ZipFile(target) as zf:
        assert not any(b"from outside the pack" in zf.read(n) for n in zf.namelist())
