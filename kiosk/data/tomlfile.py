"""Read TOML files and turn every problem into a ContentError that names file and line.

tomllib gives no positions for keys, so `locate()` finds a key's line by scanning the source:
good enough to point an administrator at the right place, never used for parsing.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Tuple, Union

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable
    # A file or folder: a path as text, a Path, or a Traversable inside the single-file copy (a zip).
    Where = Union[str, os.PathLike, Traversable]

PathPart = Union[str, int]

MAX_FILE_BYTES = 1_000_000  # a content or config file larger than this is a mistake, not content
MAX_NESTING = 12  # arrays and tables inside each other; the deepest shipped file (emergency.toml) has 6


@dataclass(frozen=True)
class ContentError(Exception):
    """A problem in a content or config file, worded for an administrator."""

    file: str
    line: Optional[int]
    key: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{key} {self.expected}"


def key_name(path: Iterable[object]) -> str:
    """('sections', 2, 'body') -> 'sections[3].body' (1-based, as an editor counts)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def as_resource(where: Where) -> Traversable:
    """Content and config are read through importlib.resources' Traversable: a Path on disk, or a
    zipfile.Path inside the single-file copy. A path given as text becomes a Path."""
    return Path(where) if isinstance(where, (str, os.PathLike)) else where


def stem(resource: Traversable) -> str:
    """'pages/what-is.toml' -> 'what-is' (zipfile.Path has no .stem before Python 3.11)."""
    name = resource.name
    return name.rpartition(".")[0] if "." in name.lstrip(".") else name


def is_file(resource: Traversable) -> bool:
    """Traversable.is_file(), but zipfile.Path before Python 3.10 says True for a name the zip lacks."""
    exists = getattr(resource, "exists", None)
    return resource.is_file() and (exists is None or bool(exists()))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_file_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or ContentError naming the file.

    Never waits and never reads more than `limit` + 1 bytes: a FIFO would block an open or a read
    for ever (--check hangs, the app freezes), and /dev/zero (or a symlink to it) never ends."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ContentError(name, None, "", "file not found") from None
    except OSError as exc:
        raise ContentError(name, None, "", f"cannot be read ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ContentError(name, None, "", f"expected a regular file; this is {_kind(mode)}")
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ContentError(name, None, "", f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise ContentError(name, None, "", f"expected at most {limit} bytes, the file has more")
    return b"".join(chunks)


def nesting(data: object) -> int:
    """How deeply arrays and tables sit inside each other (without recursion: a deep file must
    not exhaust the stack of whatever walks it next)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _read_raw(path: Traversable) -> bytes:
    """A file on disk through read_file_bytes (regular files only, bounded, never blocking); a file
    inside the single-file copy (a zip the kiosk made itself) through its Traversable."""
    if isinstance(path, (str, os.PathLike)):
        return read_file_bytes(Path(path))
    name = str(path)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, KeyError):  # KeyError: a name missing from a zip, on Python < 3.11
        raise ContentError(name, None, "", "file not found") from None
    except OSError as exc:
        raise ContentError(name, None, "", f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(name, None, "", f"expected at most {MAX_FILE_BYTES} bytes, file has {len(raw)}")
    return raw


def read_text(path: Traversable) -> str:
    """A file's text ("" if it cannot be read): only to point at a line in an error message."""
    try:
        return _read_raw(path).decode("utf-8")
    except (ContentError, UnicodeDecodeError):
        return ""


def read_toml(path: Traversable) -> Tuple[dict, str]:
    """Parse a TOML file (on disk or inside the zip); return (data, source text) or raise ContentError."""
    name = str(path)
    raw = _read_raw(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line: Optional[int] = raw[: exc.start].count(b"\n") + 1
        raise ContentError(name, line, "", "expected UTF-8 text (save the file as UTF-8)") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark (Windows editors): still UTF-8
    too_deep = ContentError(name, None, "", f"expected arrays and tables nested at most {MAX_NESTING} deep")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        raise ContentError(name, line, "", f"expected valid TOML: {msg}") from None
    except RecursionError:  # tomllib recurses per level: 500 nested [ in 1 KB
        raise too_deep from None
    except ValueError:  # int() of 4,300+ digits: Python's limit on reading a number from text
        raise ContentError(name, _long_number_line(text), "", TOO_BIG) from None
    if nesting(data) > MAX_NESTING:
        raise too_deep
    wide = _wide_integer(data)
    if wide is not None:  # TOML's integers are 64-bit; a hex one can be any length (and not printable)
        raise ContentError(name, locate(text, wide), key_name(wide), TOO_BIG)
    return data, text


TOO_BIG = "expected a whole number of at most 18 digits (TOML's 64-bit integers)"
INT64 = 2 ** 63


def _long_number_line(text: str) -> Optional[int]:
    match = re.search(r"[0-9a-fA-F_]{4000,}", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _wide_integer(data: object) -> Optional[list]:
    """The key path of the first integer outside TOML's 64 bits, or None (iterative, as nesting)."""
    stack: list = [(data, [])]
    while stack:
        value, path = stack.pop()
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and not -INT64 <= value < INT64:
            return path
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        stack.extend((child, [*path, key]) for key, child in items)
    return None


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")


def locate(text: str, path: Iterable[object]) -> Optional[int]:
    """Best-effort 1-based line of the key at `path` in TOML source `text`.

    Understands top-level keys, [table] and [[array-of-tables]] headers (nth occurrence) and
    keys inside them; falls back to the nearest enclosing header it could find.
    """
    parts = list(path)
    lines = text.splitlines()
    start, end = 0, len(lines)
    table = ""
    best: Optional[int] = None
    i = 0
    while i < len(parts):
        if isinstance(parts[i], int):
            i += 1
            continue
        part = str(parts[i])
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        full = f"{table}.{part}" if table else part
        if isinstance(nxt, int):
            hits = [n for n in range(start, end) if _header_name(lines[n]) == full and lines[n].lstrip().startswith("[[")]
            if len(hits) > nxt:
                start = hits[nxt] + 1
                best = hits[nxt] + 1
                end = _block_end(lines, start, full)
                table = full
                i += 2
                continue
            # an inline array (`key = [...]`): point at the key itself
            return _key_line(lines, start, end, part) or best
        hits = [n for n in range(start, end) if _header_name(lines[n]) == full]
        if hits:
            start = hits[0] + 1
            best = hits[0] + 1
            end = _block_end(lines, start, full)
            table = full
            i += 1
            continue
        found = _key_line(lines, start, end, part)
        return found or best
    return best


def _header_name(line: str) -> Optional[str]:
    m = _HEADER.match(line)
    if not m:
        return None
    return ".".join(p.strip().strip('"') for p in m.group(1).split("."))


def _block_end(lines: list, start: int, table: str) -> int:
    """The first header after `start` that is not a sub-table of `table`."""
    for n in range(start, len(lines)):
        name = _header_name(lines[n])
        if name is not None and not name.startswith(table + "."):
            return n
    return len(lines)


def _key_line(lines: list, start: int, end: int, key: str) -> Optional[int]:
    pat = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*=')
    for n in range(start, end):
        if _header_name(lines[n]) is not None:
            # keys of sub-tables belong to them; stop at the first header
            break
        if pat.match(lines[n]):
            return n + 1
    return None
