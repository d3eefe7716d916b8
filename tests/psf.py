"""The Unicode code points a PSF console font (PSF1 or PSF2, gzipped or not) can draw, read from
its unicode table; what `psfgettable` lists (single code points only, not sequences).

    python tests/psf.py /usr/share/consolefonts/Lat15-TerminusBold32x16.psf.gz
prints them one per line, lower-case hex: the kiosk/ui/console-font-*.txt lists.
"""

from __future__ import annotations

import gzip
import struct
import sys
from pathlib import Path
from typing import Set

PSF1, PSF2 = b"\x36\x04", b"\x72\xb5\x4a\x86"


def code_points(path: Path) -> Set[int]:
    raw = path.read_bytes()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    points: Set[int] = set()
    if data[:2] == PSF1:
        mode, size = data[2], data[3]
        assert mode & 0x02, f"{path}: no unicode table"
        pos, in_sequence = 4 + (512 if mode & 0x01 else 256) * size, False
        while pos + 1 < len(data):
            (u,) = struct.unpack_from("<H", data, pos)
            pos += 2
            if u == 0xFFFF:  # end of a glyph's entries
                in_sequence = False
            elif u == 0xFFFE:  # a sequence follows: it draws a combination, not one code point
                in_sequence = True
            elif not in_sequence:
                points.add(u)
    elif data[:4] == PSF2:
        _version, header, flags, length, charsize = struct.unpack_from("<IIIII", data, 4)
        assert flags & 0x01, f"{path}: no unicode table"
        for entry in data[header + length * charsize:].split(b"\xff"):
            points.update(ord(c) for c in entry.split(b"\xfe")[0].decode("utf-8"))
    else:
        raise ValueError(f"{path}: not a PSF font")
    return points


if __name__ == "__main__":
    for point in sorted(code_points(Path(sys.argv[1]))):
        print(f"{point:04x}")
