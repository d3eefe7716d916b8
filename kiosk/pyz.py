"""`kiosk --make-pyz FILE`: the kiosk as one file that runs with nothing but Python 3.9+.

The file is a zipapp: a short __main__.py, the kiosk package with its content pack, and every
dependency, found through the installed distributions' RECORD files (importlib.metadata). Nothing is
downloaded. Only pure-Python files and data go in, so one file runs on every Python from 3.9 up
(tomli, needed only before 3.11, is a dependency on every Python for this reason), with compiled
bytecode for each CPython 3.9+ found on the machine that makes it (the others compile the source). Running from such
a file, --make-pyz copies the file itself on, with a new config or pack baked in if asked.
Entries are written in a fixed order with a fixed date, so two files differ only where their contents do.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

from kiosk import __version__
from kiosk.data.baked import ABOUT, CONFIG, FOLDER, about, running_archive
from kiosk.pyz_importer import FOLDER as BYTECODE_FOLDER
from kiosk.pyz_importer import table_name

# The start of the file's __main__.py (tests/unit/test_pyz_importer.py runs it under its own ending).
BOOTSTRAP = """\
# The kiosk, as one file: python3 kiosk.pyz [--help]. Made by `kiosk --make-pyz`.
import sys

sys.dont_write_bytecode = True  # write nothing at all, not even __pycache__ beside the standard library
if sys.version_info < (3, 9):
    sys.exit("kiosk needs Python 3.9 or newer; this is Python %d.%d." % sys.version_info[:2])


def _carried_bytecode():
    # Modules from the bytecode the file carries for this Python (one table per Python 3.9+ found where
    # it was made), served by kiosk/pyz_importer.py, itself run from that table; with no table for this
    # Python (or a damaged one), zipimport runs everything from source, compiled in memory.
    from marshal import loads

    loader = globals().get("__loader__")
    try:
        from zlib import decompress

        table = loads(loader.get_data(loader.archive + "/kiosk-bytecode/" + sys.implementation.cache_tag + ".marshal"))
        importer = {"__name__": "kiosk_pyz_importer"}
        exec(loads(decompress(table["kiosk/pyz_importer.py"])), importer)
    except Exception:
        return
    importer["install"](loader.archive, table, loader)


_carried_bytecode()
"""
MAIN = BOOTSTRAP + """
try:
    from kiosk.entry import main  # the signal keys ignored and a terminal required before anything else (issue 16)
except ImportError as error:  # a damaged or incomplete file: one line, never a traceback
    sys.exit("kiosk: this file is incomplete (%s); make it again with kiosk --make-pyz" % error)
sys.exit(main())
"""

SHEBANG = b"#!/usr/bin/env python3\n"
DATE = (2000, 1, 1, 0, 0, 0)  # every entry's date: reproducible files (zip dates start in 1980)
CONTENT_PREFIX = "kiosk/content/"
BAKED_PREFIX = f"kiosk/{FOLDER}/"
PACK_SUFFIXES = (".toml", ".md")  # what a content pack folder holds (as the wheel's package data)
COMPILED = (".so", ".pyd", ".dylib")
# The kiosk never highlights code, so Pygments (a third of the file as bytecode) is never imported:
# its source alone goes in.
NO_BYTECODE = ("pygments/",)
# Installer bookkeeping that means nothing inside the file (RECORD would list files that aren't there).
SKIP_METADATA = ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")


class BuildError(Exception):
    """Why the file can't be made, worded for the person running --make-pyz."""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?[^;]*(?:;(.*))?$")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def parse_requirement(text: str) -> Tuple[str, Set[str], str]:
    """'markdown-it-py[linkify] (>=2.1.0) ; python_version >= "3.10"' -> (name, extras, marker).
    Just enough of PEP 508 to walk installed dependencies; versions were settled by pip."""
    match = _REQUIREMENT.match(text)
    if not match:
        raise BuildError(f"cannot read the requirement {text!r}")
    name, extras, marker = match.groups()
    return name, {_normal(e) for e in (extras or "").split(",") if e.strip()}, (marker or "").strip()


def installed(name: str):
    """The installed distribution `name`: the first on sys.path that has a RECORD (an installed wheel),
    not a source checkout's .egg-info met first when running from the checkout; None if none."""
    from importlib import metadata

    found = list(metadata.distributions(name=name))
    return next((d for d in found if d.read_text("RECORD")), found[0] if found else None)


def installed_files() -> Tuple[Dict[str, Path], List[str]]:
    """Every file of the installed kiosk and its dependencies, as {name in the zip: file on disk},
    and notes on dependencies left out because this Python doesn't have them and doesn't need them."""
    files: Dict[str, Path] = {}
    notes: List[str] = []
    extras_seen: Dict[str, Set[str]] = {}
    todo: List[Tuple[str, Set[str], str]] = [("kiosk", set(), "")]
    while todo:
        name, extras, wanted_by = todo.pop()
        key = _normal(name)
        if key in extras_seen and extras <= extras_seen[key]:
            continue
        first_visit = key not in extras_seen
        extras_seen[key] = extras_seen.get(key, set()) | extras
        dist = installed(name)
        if dist is None:
            raise BuildError(f"{name}, needed by {wanted_by}, is not installed")
        if first_visit:
            files.update(_distribution_files(dist, name))
        for text in dist.requires or []:
            dep, dep_extras, marker = parse_requirement(text)
            marker_extras = {_normal(e) for e in _EXTRA.findall(marker)}
            if marker_extras and not marker_extras & extras_seen[key]:
                continue  # an optional part (tests, docs, ...) nobody asked for
            if installed(dep) is None:
                if marker and not marker_extras:
                    notes.append(f"{dep} (for {name}, only where {marker}) is not installed here: left out")
                    continue
                raise BuildError(f"{dep}, needed by {name}, is not installed")
            todo.append((dep, dep_extras, name))
    if "kiosk/__init__.py" not in files or "kiosk/content/pack.toml" not in files:
        raise BuildError("the installed kiosk lists none of its files (an editable install?): "
                         "make the file from a normal install (pip install .)")
    return files, notes


def _distribution_files(dist, name: str) -> Iterator[Tuple[str, Path]]:
    listed = [f.as_posix() for f in (dist.files or [])]
    if not listed:
        raise BuildError(f"the installed {name} has no list of its files (RECORD)")
    names = set(listed)
    for rel in listed:
        folder, _, base = rel.rpartition("/")
        if rel.startswith("../") or "__pycache__/" in rel or rel.endswith((".pyc", ".pth")):
            continue  # scripts outside site-packages (bin/kiosk), bytecode, path hooks
        if ".dist-info/" in rel and base in SKIP_METADATA:
            continue
        if rel.endswith(COMPILED):
            source = (folder + "/" if folder else "") + base.split(".")[0] + ".py"
            if source in names or "__mypyc" in base:
                continue  # compiled speed-up of a module whose Python source goes in (tomli)
            raise BuildError(f"{name} has compiled code with no Python version ({rel}); it cannot run from a zip file")
        path = Path(dist.locate_file(rel))
        if path.is_file():
            yield rel, path


def bytecode_table(sources: Dict[str, bytes]) -> bytes:
    """This Python's bytecode of `sources`, as kiosk/pyz_importer.py reads it: a marshalled {source name:
    zlib-compressed marshalled code object}, each compressed on its own so a start decompresses only
    what it imports; a file this Python cannot compile is left out (it runs from its source)."""
    table = {}
    for name, source in sources.items():
        try:
            table[name] = zlib.compress(marshal.dumps(compile(source, name, "exec", dont_inherit=True)), 9)
        except (SyntaxError, ValueError):
            continue
    return marshal.dumps(table)


# Run by each other Python found (3.9+): the table (as bytecode_table) of the sources in folder argv[1].
COMPILE_ELSEWHERE = """\
import marshal, os, sys, zlib
source_dir, out = sys.argv[1], sys.argv[2]
table = {}
for folder, _, names in os.walk(source_dir):
    for base in names:
        path = os.path.join(folder, base)
        name = os.path.relpath(path, source_dir).replace(os.sep, "/")
        with open(path, "rb") as f:
            source = f.read()
        try:
            table[name] = zlib.compress(marshal.dumps(compile(source, name, "exec", dont_inherit=True)), 9)
        except (SyntaxError, ValueError):
            continue
with open(out, "wb") as f:
    f.write(marshal.dumps(table))
print(sys.implementation.cache_tag)
"""
TAG_PROBE = "import sys; print(sys.implementation.cache_tag if sys.version_info >= (3, 9) else '')"


def other_pythons() -> List[str]:
    """Other CPythons 3.9+ on this machine (PATH and pyenv), one per bytecode version, not this one."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(9, 15)]
    candidates += [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python3"))]
    seen = {sys.implementation.cache_tag}
    found = []
    for python in filter(None, candidates):
        try:
            tag = subprocess.run([python, "-S", "-c", TAG_PROBE], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if tag.startswith("cpython-") and tag not in seen:
            seen.add(tag)
            found.append(python)
    return found


def compile_for_every_python(sources: Dict[str, bytes], pythons: List[str]) -> Dict[str, bytes]:
    """The bytecode table entry for this Python and for each of `pythons` (compiled side by side)."""
    entries = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-pyz-") as tmp:
        for name, data in sources.items():
            path = Path(tmp, "src", name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        runs = [(Path(tmp, f"{i}.marshal"), subprocess.Popen(
                    [python, "-S", "-c", COMPILE_ELSEWHERE, str(Path(tmp, "src")), str(Path(tmp, f"{i}.marshal"))],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
                for i, python in enumerate(pythons)]
        entries[table_name(str(sys.implementation.cache_tag))] = bytecode_table(sources)  # this one's, meanwhile
        for out, run in runs:
            tag = run.communicate()[0].decode().strip()
            if run.returncode == 0 and tag and out.is_file():  # else that Python runs the file from source
                entries[table_name(tag)] = out.read_bytes()
    return entries


def pack_files(folder: Path) -> Dict[str, Path]:
    """A content pack folder's files, as they go under kiosk/content/."""
    found: Dict[str, Path] = {}
    for top, folders, names in os.walk(folder):  # never into a linked folder (followlinks=False)
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in names:
            path = Path(top) / name
            rel = path.relative_to(folder)
            # Only regular files of the pack itself: a symlink may point anywhere (~/.ssh, /etc).
            if name.startswith(".") or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            if path.suffix in PACK_SUFFIXES:
                found[CONTENT_PREFIX + rel.as_posix()] = path
    return dict(sorted(found.items()))


def _toml(values: Dict[str, str]) -> bytes:
    lines = ["# What this file carries; written by `kiosk --make-pyz`, shown by `--version`."]
    # json.dumps writes a valid TOML basic string (ensure_ascii=False: no surrogate-pair escapes)
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def collect(content: Optional[Path], config: Optional[Path], every_python: bool = True) -> Tuple[Dict[str, bytes], List[str], Dict[str, str]]:
    """The entries of the new file (name -> bytes), notes, and what it carries (for about.toml)."""
    archive = running_archive()
    notes: List[str] = []
    record = {"kiosk": __version__, "made_with": "Python " + ".".join(map(str, sys.version_info[:3]))}
    entries: Dict[str, bytes] = {}
    if archive is not None:  # a copy of a copy: the running file is the source
        with zipfile.ZipFile(archive) as source:
            for info in source.infolist():
                if not info.is_dir():
                    entries[info.filename] = source.read(info)
        previous = about()
        record["content"] = previous.get("content", "the kiosk's own pack")
        if "config" in previous:
            record["config"] = previous["config"]
    else:
        files, notes = installed_files()
        entries = {name: path.read_bytes() for name, path in files.items()}
        record["content"] = "the kiosk's own pack"
    for name in ("__main__.py", BAKED_PREFIX + ABOUT):
        entries.pop(name, None)
    # Bytecode for each Python 3.9+ on this machine, in __pycache__ (a copy keeps what the file had and
    # adds this machine's Pythons).
    entries = {name: data for name, data in entries.items() if not name.endswith(".pyc")}
    sources = {n: d for n, d in entries.items() if n.endswith(".py") and not n.startswith(NO_BYTECODE)}
    entries.update(compile_for_every_python(sources, other_pythons() if every_python else []))
    carried = sorted({n[len(BYTECODE_FOLDER) + 1:-8] for n in entries if n.startswith(BYTECODE_FOLDER + "/")},
                     key=lambda t: (len(t), t))
    record["bytecode"] = ", ".join(carried)
    if content is not None:
        new_pack = pack_files(content)
        if CONTENT_PREFIX + "pack.toml" not in new_pack:
            raise BuildError(f"{content}: no pack.toml, so not a content pack")
        entries = {k: v for k, v in entries.items() if not k.startswith(CONTENT_PREFIX)}
        entries.update({name: path.read_bytes() for name, path in new_pack.items()})
        record["content"] = f"from the folder {content.resolve().name}"
    if config is not None:
        entries[BAKED_PREFIX + CONFIG] = config.read_bytes()
        record["config"] = config.name
    entries[BAKED_PREFIX + ABOUT] = _toml(record)
    entries["__main__.py"] = MAIN.encode("utf-8")
    return entries, notes, record


def write(target: Path, entries: Dict[str, bytes]) -> None:
    """Write the zipapp beside `target` and move it into place: never a half-written file."""
    folders = sorted({name[: i + 1] for name in entries for i, c in enumerate(name) if c == "/"})
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(temporary, "xb") as out:
            out.write(SHEBANG)
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
                for folder in folders:  # explicit folder entries: zipfile.Path.is_dir() on Python 3.9
                    info = zipfile.ZipInfo(folder, DATE)
                    info.external_attr = (0o40755 << 16) | 0x10
                    zf.writestr(info, b"")
                for name in sorted(entries):
                    info = zipfile.ZipInfo(name, DATE)
                    # a bytecode table is compressed module by module inside: stored, it is read, not inflated
                    stored = name.startswith(BYTECODE_FOLDER + "/")
                    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, entries[name])
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o755 & ~umask)  # ./kiosk.pyz runs too, where the disk allows it
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


INSTALLED_KIOSK = "/opt/kiosk/.venv/bin/kiosk"  # how kiosk/deploy's units run an installed kiosk
DEPLOY_CONFIG = " --config /etc/kiosk/config.toml"


def file_command(archive: str, python: Optional[str] = None) -> str:
    """The command that runs the single file `archive`: the system's python3 where it is the Python
    running now (it outlives a minor upgrade), else this Python; then the file's absolute path."""
    python = python or sys.executable
    system = "/usr/bin/python3"
    try:
        if os.path.samefile(system, python):
            python = system
    except OSError:
        pass
    return f"{python} {os.path.abspath(archive)}"


def for_the_file(text: str, archive: str, baked_config: bool, python: Optional[str] = None) -> str:
    """A deployment file (kiosk/deploy) as it reads for the single file: it runs the file, not a venv's
    `kiosk`, and without --config when the file carries its own config."""
    if baked_config:
        text = text.replace(INSTALLED_KIOSK + " --mode kiosk" + DEPLOY_CONFIG, INSTALLED_KIOSK + " --mode kiosk")
    return text.replace(INSTALLED_KIOSK, file_command(archive, python))


def image_builder():
    """kiosk/deploy/make_image.py as a module, read through importlib.resources (from the zip too)."""
    import types
    from importlib.resources import files

    module = types.ModuleType("kiosk_make_image")
    source = files("kiosk").joinpath("deploy").joinpath("make_image.py").read_text(encoding="utf-8")
    exec(compile(source, "kiosk/deploy/make_image.py", "exec"), module.__dict__)
    return module


def run_make_image(target: Path, content: Optional[Path], config: Optional[Path]) -> int:
    """`kiosk --make-image DISK.img`: this kiosk as one file (config baked in), then the disk image."""
    import tempfile

    builder = image_builder()
    try:
        password_hash, password = builder.password_for(os.environ.get("KIOSK_GRUB_PASSWORD_HASH"))
        with tempfile.TemporaryDirectory(prefix="kiosk-pyz-") as tmp:
            pyz = Path(tmp) / "kiosk.pyz"
            make_pyz(pyz, content=content, config=config)
            size = builder.make_image(Path(target), pyz, password_hash, cache=_env_path("KIOSK_IMAGE_CACHE"))
    except (BuildError, builder.ImageError, OSError) as error:
        print(f"kiosk: not written: {error}", file=sys.stderr)
        return 1
    print("\n".join(builder.report(target, size, password)))
    return 0


def _env_path(name: str) -> Optional[Path]:
    value = os.environ.get(name)
    return Path(value) if value else None


def make_pyz(target: Path, content: Optional[Path] = None, config: Optional[Path] = None) -> Tuple[int, List[str]]:
    """Write the single file to `target`; return its size in bytes and notes for the person making it."""
    target = Path(target)
    archive = running_archive()
    if archive is not None and target.resolve() == Path(archive).resolve():
        raise BuildError(f"{target} is the file this kiosk runs from: write the copy under another name")
    if target.is_dir():
        raise BuildError(f"{target} is a folder: give a file name, e.g. {target / 'kiosk.pyz'}")
    if not target.parent.is_dir():
        raise BuildError(f"{target.parent}: no such folder")
    entries, notes, _ = collect(content, config)
    write(target, entries)
    return target.stat().st_size, notes
