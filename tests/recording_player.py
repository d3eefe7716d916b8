"""A stand-in audio player for the voice tests (this machine may have no sound card): it takes a
WAV on stdin like aplay, "plays" it in real time (sleeps for as long as the sound lasts), and
records into the folder it is given one JSON line per WAV: when sound started, how long it lasts,
and "whole": true only if it played to its end (a SIGKILL before that leaves it false).

    python recording_player.py FOLDER
"""

import json
import os
import sys
import time


def main() -> None:
    folder = sys.argv[1]
    name = os.path.join(folder, f"{time.monotonic_ns()}-{os.getpid()}")
    with open(name + ".json", "w") as out:  # there from the start: a player killed early is counted too
        json.dump({"start": None, "seconds": None, "whole": False}, out)
    stdin = sys.stdin.buffer
    header = stdin.read(44)
    rate = int.from_bytes(header[24:28], "little") or 22050
    body = bytearray()
    started = None
    while True:
        chunk = stdin.read1(65536)
        if not chunk:
            break
        if started is None:
            started = time.monotonic()  # a real player starts sounding with the first samples
        body += chunk
    seconds = len(body) / 2 / rate
    started = started if started is not None else time.monotonic()
    record = {"start": started, "seconds": seconds, "whole": False}
    with open(name + ".wav", "wb") as out:
        out.write(header + bytes(body))
    with open(name + ".json.tmp", "w") as out:
        json.dump(record, out)
    os.replace(name + ".json.tmp", name + ".json")
    time.sleep(max(0.0, started + seconds - time.monotonic()))  # playing
    record["whole"] = True
    with open(name + ".json.tmp", "w") as out:
        json.dump(record, out)
    os.replace(name + ".json.tmp", name + ".json")


if __name__ == "__main__":
    main()
