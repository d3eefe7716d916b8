"""The one file's importer (kiosk/pyz_importer.py, issue 24): the file serves each module from the
bytecode it carries for the running Python, and falls back to the module's source where it carries
none. Each test makes a small file as --make-pyz does (its writer, its tables, its __main__.py start)
and runs it with this Python, `-S`, in a fresh process: the carried code says something its source
does not, so the output shows which one ran."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, Optional

from kiosk import pyz, pyz_importer

SOURCE = b'def fail():\n    raise ValueError("from pkg.mod")\n\n\nVALUE = "source"\n'
CARRIED = SOURCE.replace(b'"source"', b'"carried"')
PROBE = """
import json, traceback
from importlib.resources import files
import pkg.mod, pkg.other
try:
    pkg.mod.fail()
except ValueError:
    where = traceback.format_exc()
print(json.dumps({
    "value": pkg.mod.VALUE,
    "loader": type(pkg.mod.__loader__).__name__,
    "file": pkg.mod.__file__,
    "other": type(pkg.other.__loader__).__name__,
    "resource": files("pkg").joinpath("data.txt").read_text(encoding="utf-8"),
    "traceback": where,
}))
"""


def make_file(folder: Path, tag: Optional[str]) -> Path:
    """A file with the package pkg (mod, other, data.txt) and, under `tag`, a table in which pkg.mod's
    code is CARRIED's and pkg.other is missing (as a module the building Python could not compile)."""
    entries: Dict[str, bytes] = {"pkg/__init__.py": b"", "pkg/mod.py": SOURCE, "pkg/other.py": b"",
                                 "pkg/data.txt": b"read from the zip", "__main__.py": (pyz.BOOTSTRAP + PROBE).encode()}
    if tag is not None:
        importer = Path(pyz_importer.__file__).read_bytes()
        table = {"kiosk/pyz_importer.py": importer, "pkg/__init__.py": b"", "pkg/mod.py": CARRIED}
        entries[pyz_importer.table_name(tag)] = pyz.bytecode_table(table)
    target = folder / "small.pyz"
    pyz.write(target, entries)
    return target


def run(target: Path) -> dict:
    done = subprocess.run([sys.executable, "-S", str(target)], capture_output=True, text=True, timeout=60,
                          cwd=target.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_module_is_served_from_the_bytecode_carried_for_this_python(tmp_path):
    target = make_file(tmp_path, sys.implementation.cache_tag)
    with_table = run(target)
    assert with_table["value"] == "carried" and with_table["loader"] == "CarriedBytecode"
    assert with_table["file"] == f"{target}/pkg/mod.py"
    # a traceback names the file inside the zip and shows the line, from the source in the zip
    assert f'File "{target}/pkg/mod.py", line 2, in fail' in with_table["traceback"]
    assert 'raise ValueError("from pkg.mod")' in with_table["traceback"]
    assert with_table["resource"] == "read from the zip"  # importlib.resources through the importer
    assert with_table["other"] == "zipimporter"  # not in the table: from its source
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.pyz"]  # nothing written


def test_without_a_table_for_this_python_the_source_runs(tmp_path):
    other_python = make_file(tmp_path, "cpython-0")  # the only table is another Python's
    found = run(other_python)
    assert (found["value"], found["loader"]) == ("source", "zipimporter")
    no_table = make_file(tmp_path, None)
    found = run(no_table)
    assert (found["value"], found["loader"], found["resource"]) == ("source", "zipimporter", "read from the zip")


def test_a_damaged_table_or_entry_falls_back_to_the_source(tmp_path):
    target = make_file(tmp_path, sys.implementation.cache_tag)
    table_name = pyz_importer.table_name(sys.implementation.cache_tag)
    with zipfile.ZipFile(target) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    table = marshal.loads(entries[table_name])
    table["pkg/mod.py"] = b"not compressed code"
    pyz.write(target, {**entries, table_name: marshal.dumps(table)})
    found = run(target)
    assert (found["value"], found["loader"]) == ("source", "CarriedBytecode")  # that module alone, from source
    assert f'File "{target}/pkg/mod.py", line 2, in fail' in found["traceback"]
    pyz.write(target, {**entries, table_name: b"not a table"})
    assert run(target)["value"] == "source"

