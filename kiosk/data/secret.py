"""The administrator's exit secret, stored only as a salted PBKDF2 hash. Pure Python, no Textual.

Format (matches `exit_secret_hash` in kiosk/data/config.py): `pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>`.
`kiosk --hash-secret` prints one; the config holds only that, never the secret itself.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import sys
from typing import Optional, TextIO

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP 2023 for PBKDF2-HMAC-SHA256; checked only when an administrator types it
SALT_BYTES = 16
MIN_LENGTH = 10
MAX_SECRET_LENGTH = 200  # the prompt's field takes no more (a pasted megabyte is not a secret)
MAX_ITERATIONS = 10_000_000  # a hand-edited hash must not freeze the kiosk for minutes
ADMIN_EXIT_STATUS = 10  # kiosk.service does not restart on it (RestartPreventExitStatus=10)


def hash_secret(secret: str, iterations: int = ITERATIONS, salt: Optional[bytes] = None) -> str:
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, encoded: Optional[str]) -> bool:
    """True only if `secret` matches `encoded`; a missing or malformed hash never matches."""
    if not encoded or not secret:
        return False
    try:
        algorithm, iterations_text, salt_hex, hash_hex = encoded.split("$")
        iterations = int(iterations_text)
        salt = bytes.fromhex(salt_hex)
        expected = bytes.fromhex(hash_hex)
    except ValueError:
        return False
    if algorithm != ALGORITHM or not 1 <= iterations <= MAX_ITERATIONS or not salt or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def read_secret(stdin: Optional[TextIO] = None, err: Optional[TextIO] = None) -> Optional[str]:
    """The secret from a pipe (first line), or typed twice without echo at a terminal."""
    stdin, err = stdin or sys.stdin, err or sys.stderr
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Administrator exit secret: ", stream=err)
    second = getpass.getpass("Same again: ", stream=err)
    if first != second:
        print("kiosk: the two entries differ; nothing printed.", file=err)
        return None
    return first


def weak_secret(secret: str) -> Optional[str]:
    """Why `secret` may not be the exit secret, or None if it may."""
    if len(secret.strip()) < MIN_LENGTH:
        return f"the secret must have at least {MIN_LENGTH} characters besides spaces"
    if len(secret) > MAX_SECRET_LENGTH:
        return f"the secret must have at most {MAX_SECRET_LENGTH} characters"
    if secret.startswith("e"):
        return "the secret must not start with a lower-case e (in the empty prompt, e opens Emergency)"
    if not secret.isprintable():
        return "the secret must be printable characters only (the prompt cannot take others)"
    return None


def run_hash_secret(stdin: Optional[TextIO] = None, out: Optional[TextIO] = None, err: Optional[TextIO] = None) -> int:
    """`kiosk --hash-secret`: print the hash (stdout) for `exit_secret_hash` in the deployment config."""
    stdin, out, err = stdin or sys.stdin, out or sys.stdout, err or sys.stderr
    try:
        secret = read_secret(stdin, err)
    except (EOFError, KeyboardInterrupt):
        print("", file=err)
        return 1
    if secret is None:
        return 1
    problem = weak_secret(secret)
    if problem:
        print(f"kiosk: {problem}; nothing printed.", file=err)
        return 1
    print(hash_secret(secret), file=out)
    print('Put it in the deployment config as: exit_secret_hash = "<the line above>"', file=err)
    return 0
