"""Team mode's people: accounts with roles, sign-in with a rate limit, sessions, API tokens.

Everything is in the database, so several web processes behind a load balancer share the sessions, the
tokens and the count of failed sign-ins. Only hashes of secrets are stored (`passwords.py`). Managing
people needs the admin role of the store's viewer (the CLI is the local admin); signing in, out and
handling one's own tokens needs none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from afterboard.errors import InputError, NotFoundError
from afterboard.store import schema as t
from afterboard.store.passwords import hash_password, new_token, token_digest, verify_password
from afterboard.store.records import ApiToken, Role, User

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Row

    from afterboard.store.store import Store

NAME = re.compile(r"[^\s/\\]{1,200}")
TOUCH_EVERY = dt.timedelta(minutes=1)
"""A session's last use is written at most once a minute, not on every request."""


class SignInError(InputError):
    """Wrong name or password: one sentence for both, so that it does not tell which accounts exist."""


class TooManyAttemptsError(InputError):
    """Too many failed sign-ins for the account or from the address (HTTP 429)."""


@dataclass(frozen=True)
class Limits:
    session_idle: dt.timedelta = dt.timedelta(hours=8)
    session_lifetime: dt.timedelta = dt.timedelta(days=7)
    attempts: int = 5
    window: dt.timedelta = dt.timedelta(minutes=15)


WRONG = "The name or password is not right; check both and try again."


def normal_name(name: str) -> str:
    """Names are compared without case or surrounding spaces ('Ana@Example.com ' is 'ana@example.com')."""
    cleaned = name.strip().lower()
    if not NAME.fullmatch(cleaned):
        raise InputError(
            f"'{name.strip()[:60]}' is not a usable account name; use an e-mail address or a name "
            "without spaces (at most 200 characters)."
        )
    return cleaned


class Accounts:
    def __init__(self, store: Store, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()

    # -- people (admin) -------------------------------------------------------------------------------
    def add(self, name: str, *, role: Role, password: str | None, display_name: str | None = None) -> User:
        self.store.require_role(Role.ADMIN, "add accounts")
        key = normal_name(name)
        encoded = hash_password(password) if password is not None else None
        with self.store.transaction() as conn:
            if _find(conn, key) is not None:
                raise InputError(f"There is already an account '{key}'; `afterboard users list` shows them.")
            conn.execute(
                sa.insert(t.users).values(
                    name=key,
                    display_name=(display_name or "").strip()[:200] or name.strip(),
                    role=role.value,
                    disabled=False,
                    password_hash=encoded,
                    created_at=self.store.clock(),
                )
            )
            return _user(_require(conn, key))

    def all(self) -> list[User]:
        self.store.require_role(Role.ADMIN, "list accounts")
        with self.store.transaction(write=False) as conn:
            return [_user(row) for row in conn.execute(sa.select(t.users).order_by(t.users.c.name))]

    def get(self, name: str) -> User:
        with self.store.transaction(write=False) as conn:
            return _user(_require(conn, normal_name(name)))

    def set_role(self, name: str, role: Role) -> User:
        self.store.require_role(Role.ADMIN, "change roles")
        return self._update(name, role=role.value)

    def set_password(self, name: str, password: str) -> User:
        if self.store.viewer.name != normal_name(name):
            self.store.require_role(Role.ADMIN, "set another person's password")
        user = self._update(name, password_hash=hash_password(password))
        self._revoke(user.id)
        return user

    def disable(self, name: str, *, disabled: bool = True) -> User:
        """Disable (or enable again) an account; disabling signs it out everywhere and stops its tokens."""
        self.store.require_role(Role.ADMIN, "disable accounts")
        user = self._update(name, disabled=disabled)
        if disabled:
            self._revoke(user.id)
        return user

    def _update(self, name: str, **values: Any) -> User:
        key = normal_name(name)
        with self.store.transaction() as conn:
            _require(conn, key)
            conn.execute(sa.update(t.users).where(t.users.c.name == key).values(**values))
            return _user(_require(conn, key))

    def _revoke(self, user_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute(sa.delete(t.sessions).where(t.sessions.c.user_id == user_id))

    # -- signing in -----------------------------------------------------------------------------------
    def sign_in(self, name: str, password: str, *, address: str) -> User:
        """The account, if the password is right; SignInError (one sentence for any reason) or
        TooManyAttemptsError after `limits.attempts` failures in `limits.window` for the account or the
        address. An unknown name costs the same hashing work as a known one.

        Each attempt is counted as a failure before its password is checked, and the count and that row
        are one write transaction, so guesses sent at once cannot all be checked before any is counted;
        a right password takes back only its own row (others' failures stay until the window passes)."""
        key = name.strip().lower()[:200]
        keys = sorted({f"account:{key}", f"address:{address[:200]}"})
        reserved, row = self._reserve_attempt(keys, key)
        encoded = row.password_hash if row is not None and not row.disabled else None
        if not verify_password(encoded, password):
            raise SignInError(WRONG)
        assert row is not None
        with self.store.transaction() as conn:
            conn.execute(sa.delete(t.sign_in_failures).where(t.sign_in_failures.c.id.in_(reserved)))
        return _user(row)

    def _reserve_attempt(self, keys: list[str], key: str) -> tuple[list[int], Row[Any] | None]:
        """Count this attempt as a failure of every key (refusing it past the limit); the rows' ids and
        the account, if there is one."""
        now = self.store.clock()
        f = t.sign_in_failures
        with self.store.transaction() as conn:
            if conn.dialect.name == "postgresql":
                # SQLite's BEGIN IMMEDIATE already lets one writer in at a time; PostgreSQL's read committed
                # would let two attempts both count four and both go on, so they queue per key (sorted:
                # two attempts never wait for each other's second lock)
                for k in keys:
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtextextended(k, 0))))
            conn.execute(sa.delete(f).where(f.c.at <= now - self.limits.window))
            failures = conn.execute(
                sa.select(sa.func.count()).select_from(f).where(f.c.key.in_(keys)).group_by(f.c.key)
            ).scalars()
            if max(failures, default=0) >= self.limits.attempts:
                minutes = int(self.limits.window.total_seconds() // 60)
                raise TooManyAttemptsError(
                    f"Too many failed sign-ins; wait {minutes} minutes and try again, or ask an admin."
                )
            reserved = [
                conn.execute(sa.insert(f).values(key=k, at=now).returning(f.c.id)).scalar_one() for k in keys
            ]
            return reserved, _find(conn, key)

    def start_session(self, user: User) -> str:
        """A new session for `user`: the token for the cookie (only its hash is kept)."""
        token = new_token()
        now = self.store.clock()
        with self.store.transaction() as conn:
            conn.execute(
                sa.insert(t.sessions).values(
                    token_sha256=token_digest(token), user_id=user.id, created_at=now, last_seen_at=now
                )
            )
        return token

    def session_user(self, token: str) -> User | None:
        """The person a session cookie belongs to, or None if it is unknown, expired, revoked or disabled.

        Read without a write lock (every request asks); written only to end it or, once a minute, to
        record its use."""
        now = self.store.clock()
        digest = token_digest(token)
        s = t.sessions
        with self.store.transaction(write=False) as conn:
            row = conn.execute(
                sa.select(s.c.created_at, s.c.last_seen_at, t.users)
                .join(t.users, t.users.c.id == s.c.user_id)
                .where(s.c.token_sha256 == digest)
            ).first()
        if row is None:
            return None
        idle = now - row.last_seen_at > self.limits.session_idle
        if idle or now - row.created_at > self.limits.session_lifetime or row.disabled:
            with self.store.transaction() as conn:
                conn.execute(sa.delete(s).where(s.c.token_sha256 == digest))
            return None
        if now - row.last_seen_at > TOUCH_EVERY:
            with self.store.transaction() as conn:
                conn.execute(sa.update(s).where(s.c.token_sha256 == digest).values(last_seen_at=now))
        return _user(row)

    def end_session(self, token: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(sa.delete(t.sessions).where(t.sessions.c.token_sha256 == token_digest(token)))

    def proxy_user(self, name: str) -> User | None:
        """The account a trusted proxy vouches for (made, as a viewer, on first sight); None if disabled."""
        key = normal_name(name)
        # every request in proxy mode asks: a known name is read without taking the write lock
        with self.store.transaction(write=False) as conn:
            row = _find(conn, key)
        if row is not None:
            return None if row.disabled else _user(row)
        with self.store.transaction() as conn:
            row = _find(conn, key)  # another request may have made it meanwhile
            if row is None:
                conn.execute(
                    sa.insert(t.users).values(
                        name=key,
                        display_name=name.strip()[:200],
                        role=Role.VIEWER.value,
                        disabled=False,
                        created_at=self.store.clock(),
                    )
                )
                row = _require(conn, key)
            return None if row.disabled else _user(row)

    # -- API tokens -----------------------------------------------------------------------------------
    def create_token(self, name: str, label: str = "") -> tuple[ApiToken, str]:
        """A new API token for the account `name` (one's own, or anyone's as an admin): the record and the
        secret, which is shown this once and never stored."""
        key = normal_name(name)
        if self.store.viewer.name != key:
            self.store.require_role(Role.ADMIN, "make tokens for another person")
        secret = new_token()
        with self.store.transaction() as conn:
            user = _require(conn, key)
            token_id = conn.execute(
                sa.insert(t.api_tokens)
                .values(
                    user_id=user.id,
                    token_sha256=token_digest(secret),
                    label=label.strip()[:200] or "token",
                    created_at=self.store.clock(),
                )
                .returning(t.api_tokens.c.id)
            ).scalar_one()
            row = conn.execute(sa.select(t.api_tokens).where(t.api_tokens.c.id == token_id)).one()
        return ApiToken.model_validate(row._asdict()), secret

    def tokens(self, user: User) -> list[ApiToken]:
        with self.store.transaction(write=False) as conn:
            rows = conn.execute(
                sa.select(t.api_tokens).where(t.api_tokens.c.user_id == user.id).order_by(t.api_tokens.c.id)
            )
            return [ApiToken.model_validate(row._asdict()) for row in rows]

    def revoke_token(self, user: User, token_id: int) -> None:
        with self.store.transaction() as conn:
            gone = conn.execute(
                sa.delete(t.api_tokens).where(
                    t.api_tokens.c.id == token_id, t.api_tokens.c.user_id == user.id
                )
            )
            if gone.rowcount != 1:
                raise NotFoundError(f"You have no API token {token_id}.")

    def token_user(self, secret: str) -> User | None:
        """The person an API token belongs to, or None if unknown, revoked or disabled."""
        a = t.api_tokens
        with self.store.transaction(write=False) as conn:
            row = conn.execute(
                sa.select(a.c.id.label("token_id"), a.c.last_used_at, t.users)
                .join(t.users, t.users.c.id == a.c.user_id)
                .where(a.c.token_sha256 == token_digest(secret))
            ).first()
        if row is None or row.disabled:
            return None
        now = self.store.clock()
        if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
            with self.store.transaction() as conn:
                conn.execute(sa.update(a).where(a.c.id == row.token_id).values(last_used_at=now))
        return _user(row)


def _find(conn: Connection, key: str) -> Row[Any] | None:
    return conn.execute(sa.select(t.users).where(t.users.c.name == key)).first()


def _require(conn: Connection, key: str) -> Row[Any]:
    row = _find(conn, key)
    if row is None:
        raise NotFoundError(f"There is no account '{key}'; `afterboard users list` shows them.")
    return row


def _user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        name=row.name,
        display_name=row.display_name,
        role=Role(row.role),
        disabled=bool(row.disabled),
        has_password=row.password_hash is not None,
        created_at=row.created_at,
    )
