"""Passwords and tokens: Argon2id hashes for passwords (argon2-cffi), SHA-256 for random tokens.

A password is low in entropy, so it gets a slow, salted, memory-hard hash (argon2-cffi's defaults follow
RFC 9106's second recommendation). A session or API token is 32 random bytes: a plain SHA-256 of it is
enough to make a stolen copy of the database useless, and lets the token be looked up by its hash.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from typing import TYPE_CHECKING

from afterboard.errors import InputError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
"""Argon2 takes any length; a cap keeps a megabyte "password" from being a cheap way to load the server."""


@cache
def hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"The password is too short; use at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"The password is over {MAX_PASSWORD} characters; use a shorter one.")


def hash_password(password: str) -> str:
    check_new_password(password)
    return hasher().hash(password)


def verify_password(encoded: str | None, password: str) -> bool:
    """True if `password` matches; with no hash (an unknown user) the same work is done against a dummy,
    so that the time taken does not tell whether the account exists."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_PASSWORD:
        password = password[:MAX_PASSWORD]
    try:
        return hasher().verify(encoded or dummy_hash(), password) and encoded is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    return hasher().hash(secrets.token_urlsafe(16))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
