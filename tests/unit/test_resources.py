"""Content, config and stylesheets are read through importlib.resources' Traversable, so one loader
serves an installed kiosk (files on disk) and the single file (a zip, never extracted). These tests
run the loaders over a zip (zipfile.Path, what importlib.resources gives inside a zipapp) and over the
same files on disk, and expect the same result. They run on Python 3.9 too (.ci/run)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.data.config import load_config
from kiosk.data.content import ContentPack, default_content_dir
from kiosk.data.emergency_loader import load_emergency
from kiosk.data.helplines import load_default_helplines
from kiosk.data.selfcheck import load_selfcheck
from kiosk.data.tomlfile import is_file, read_toml
from kiosk.pyz import BuildError, installed_files, parse_requirement


def zipped(folder: Path, archive: Path, prefix: str = "kiosk/content/") -> zipfile.Path:
    """`folder` inside a zip under `prefix`, as the single file holds the pack."""
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return zipfile.Path(archive, prefix)


def test_the_pack_reads_the_same_from_a_zip_as_from_its_folder(tmp_path):
    on_disk, in_zip = ContentPack(CONTENT), ContentPack(zipped(CONTENT, tmp_path / "k.pyz"))
    assert in_zip.info == on_disk.info and in_zip.topics == on_disk.topics
    assert in_zip.page_ids() == on_disk.page_ids() and len(in_zip.page_ids()) == 27
    assert list(in_zip.pages()) == list(on_disk.pages())
    assert in_zip.check() == [] and on_disk.check() == []
    assert load_emergency(in_zip.root) == load_emergency(CONTENT)
    assert load_default_helplines(in_zip.root) == load_default_helplines(CONTENT)
    assert load_selfcheck(in_zip.root) == load_selfcheck(CONTENT)


def test_every_language_reads_the_same_from_a_zip(tmp_path):
    from kiosk.data.languages import available, open_pack
    from kiosk.data.ui_text import load_ui

    root = zipped(CONTENT, tmp_path / "k.pyz")
    assert available(root) == available(CONTENT) and len(available(CONTENT)) >= 2
    for code in available(CONTENT)[1:]:
        on_disk, in_zip = open_pack(CONTENT, code), open_pack(root, code)
        assert in_zip.code == code and in_zip.info == on_disk.info and in_zip.topics == on_disk.topics
        assert list(in_zip.pages()) == list(on_disk.pages())
        assert any(not p.fallback for p in in_zip.pages())  # its own pages, not only English
        for name in ("emergency.toml", "helplines.toml", "selfcheck.toml"):
            assert in_zip.is_fallback(name) == on_disk.is_fallback(name)
        assert load_ui(in_zip)[0].strings == load_ui(on_disk)[0].strings
        assert len(in_zip.lacks) == len(on_disk.lacks) and in_zip.check() == [] and on_disk.check() == []


def test_a_problem_inside_the_zip_names_the_file_and_line(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pages").mkdir()
    (pack / "pack.toml").write_text((CONTENT / "pack.toml").read_text(encoding="utf-8"), encoding="utf-8")
    page = (CONTENT / "pages" / "what-is.toml").read_text(encoding="utf-8")
    (pack / "pages" / "what-is.toml").write_text(page.replace("title =", "titel =", 1), encoding="utf-8")
    root = zipped(pack, tmp_path / "k.pyz")
    errors = [str(e) for e in ContentPack(root).check()]
    line = next(n for n, text in enumerate(page.splitlines(), 1) if text.startswith("title"))
    inside = f"{tmp_path / 'k.pyz'}/kiosk/content/"
    assert any(e.startswith(f"{inside}pages/what-is.toml:{line}: titel: unknown key") for e in errors)
    # a page the menu lists but the zip lacks: named, no KeyError from zipfile
    assert f"{inside}pages/symptoms-core.toml: file not found" in errors
    assert str(load_emergency(root)[1][0]).endswith("kiosk/content/emergency.toml: file not found")


def test_a_config_reads_from_a_zip(tmp_path):
    folder = tmp_path / "cfg"
    folder.mkdir()
    (folder / "config.toml").write_text('region = "UK"\nemergency_number = "0800 555 0199"\nidle_seconds = "x"\n')
    inside = zipped(folder, tmp_path / "k.pyz", "kiosk/baked/") / "config.toml"
    config, errors = load_config(inside)
    assert config.region == "UK" and config.emergency_number == "0800 555 0199"
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{tmp_path / 'k.pyz'}/kiosk/baked/config.toml:3: idle_seconds: expected a whole number")
    missing = zipfile.Path(tmp_path / "k.pyz", "kiosk/baked/") / "nothing.toml"
    assert not is_file(missing)  # zipfile.Path.is_file() says True here before Python 3.10
    with pytest.raises(Exception, match="file not found"):
        read_toml(missing)


def test_the_shipped_pack_is_found_through_importlib_resources():
    root = default_content_dir()
    assert is_file(root / "pack.toml") and ContentPack(root).check() == []


def test_no_stylesheet_is_read_by_path():
    """Textual's CSS_PATH opens files by path, which fails inside a zip: every .tcss is read through
    importlib.resources into a class's CSS, and nothing sets CSS_PATH."""
    from textual.dom import DOMNode

    import kiosk.ui

    classes = set()
    for info in pkgutil.walk_packages(kiosk.ui.__path__, "kiosk.ui."):
        module = importlib.import_module(info.name)
        classes |= {c for _, c in inspect.getmembers(module, inspect.isclass)
                    if issubclass(c, DOMNode) and c.__module__.startswith("kiosk.")}
    assert not [c for c in classes if getattr(c, "CSS_PATH", None)]
    css = "\n".join(getattr(c, "CSS", "") for c in classes)
    sheets = [p for package in ("kiosk.ui", "kiosk.ui.screens") for p in files(package).iterdir()
              if p.name.endswith(".tcss")]
    assert len(sheets) >= 9
    for sheet in sheets:
        assert sheet.read_text(encoding="utf-8") in css, f"{sheet.name} is not loaded by any class"


def test_requirements_are_read_well_enough_to_walk_dependencies():
    assert parse_requirement('markdown-it-py[linkify] (>=2.1.0)') == ("markdown-it-py", {"linkify"}, "")
    assert parse_requirement('tomli>=1.1; python_version < "3.11"') == ("tomli", set(), 'python_version < "3.11"')
    assert parse_requirement('tree-sitter (>=0.25.0) ; (python_version >= "3.10") and (extra == "syntax")')[2] \
        == '(python_version >= "3.10") and (extra == "syntax")'
    with pytest.raises(BuildError):
        parse_requirement("[broken")


def test_the_file_carries_every_dependency_as_python_source():
    found, notes = installed_files()
    tops = {name.split("/")[0] for name in found}
    for package in ("kiosk", "textual", "rich", "markdown_it", "mdurl", "platformdirs", "pygments", "segno", "tomli"):
        assert package in tops, package
    assert "kiosk/content/pack.toml" in found and "kiosk/ui/app.tcss" in found and "kiosk/deploy/kiosk.service" in found
    assert "typing_extensions.py" in found and "tomli/_parser.py" in found
    assert not [n for n in found if n.endswith((".so", ".pyc", ".pyd")) or "__pycache__" in n or n.startswith("..")]
    assert not [n for n in found if n.endswith(("/RECORD", "/INSTALLER", "/direct_url.json"))]
    assert "pytest" not in tops  # the [test] extra is not asked for
    assert all("only where" in note for note in notes)
