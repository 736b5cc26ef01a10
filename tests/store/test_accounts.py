"""Accounts: Argon2id passwords, a sign-in rate limit shared by every process, one sentence for any failed
sign-in, sessions that expire and are revoked, API tokens kept only as hashes; SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from afterboard.errors import InputError, NotFoundError, PermissionDeniedError
from afterboard.store import schema as t
from afterboard.store.accounts import WRONG, Accounts, Limits, SignInError, TooManyAttemptsError
from afterboard.store.records import Role, Viewer
from afterboard.store.store import Store
from store.store_factory import Clock

PASSWORD = "correct horse battery staple"
LIMITS = Limits(
    session_idle=dt.timedelta(minutes=30),
    session_lifetime=dt.timedelta(hours=8),
    attempts=3,
    window=dt.timedelta(minutes=15),
)


@pytest.fixture
def people(store: Store) -> Store:
    store.accounts.add("Ana@Example.com", role=Role.ADMIN, password=PASSWORD, display_name="Ana Lima")
    store.accounts.add("bob", role=Role.VIEWER, password=PASSWORD)
    return store


def test_a_password_is_kept_only_as_an_argon2id_hash(people: Store) -> None:
    with people.engine.connect() as conn:
        stored = conn.execute(sa.select(t.users.c.name, t.users.c.password_hash)).all()

    assert {name for name, _ in stored} == {"ana@example.com", "bob"}
    assert all(encoded.startswith("$argon2id$") and PASSWORD not in encoded for _, encoded in stored)


def test_sign_in_checks_the_password_and_ignores_case_and_spaces_in_the_name(people: Store) -> None:
    accounts = Accounts(people, LIMITS)

    assert accounts.sign_in(" ANA@example.com", PASSWORD, address="10.0.0.1").display_name == "Ana Lima"
    with pytest.raises(SignInError):
        accounts.sign_in("ana@example.com", PASSWORD + "x", address="10.0.0.1")


def test_unknown_name_and_wrong_password_get_the_same_sentence(people: Store) -> None:
    accounts = Accounts(people, LIMITS)
    messages = set()
    for name in ("bob", "nobody@example.com"):
        with pytest.raises(SignInError) as failed:
            accounts.sign_in(name, "wrong password!", address=f"10.0.0.{len(name)}")
        messages.add(str(failed.value))

    assert messages == {WRONG}


def test_a_disabled_account_cannot_sign_in_and_fails_like_a_wrong_password(people: Store) -> None:
    accounts = Accounts(people, LIMITS)
    people.accounts.disable("bob")

    with pytest.raises(SignInError, match="name or password is not right"):
        accounts.sign_in("bob", PASSWORD, address="10.0.0.1")


def test_failures_per_account_are_limited_across_processes_and_addresses(
    people: Store, reopen: Callable[[], Store], clock: Clock
) -> None:
    for i in range(LIMITS.attempts):  # each from another web process and another address
        with pytest.raises(SignInError):
            Accounts(reopen(), LIMITS).sign_in("bob", "guess", address=f"10.0.1.{i}")

    with pytest.raises(TooManyAttemptsError, match="wait 15 minutes"):
        Accounts(reopen(), LIMITS).sign_in("bob", PASSWORD, address="10.0.2.1")
    clock.set(clock.now + LIMITS.window)
    assert Accounts(reopen(), LIMITS).sign_in("bob", PASSWORD, address="10.0.2.1").name == "bob"


def test_failures_per_address_are_limited_whatever_the_names(people: Store) -> None:
    accounts = Accounts(people, LIMITS)
    for i in range(LIMITS.attempts):
        with pytest.raises(SignInError):
            accounts.sign_in(f"someone{i}@example.com", "guess", address="203.0.113.9")

    with pytest.raises(TooManyAttemptsError):
        accounts.sign_in("ana@example.com", PASSWORD, address="203.0.113.9")
    assert accounts.sign_in("ana@example.com", PASSWORD, address="198.51.100.1").name == "ana@example.com"


def test_guesses_sent_at_once_are_never_checked_more_often_than_the_limit(
    people: Store, reopen: Callable[[], Store], clock: Clock
) -> None:
    """Many wrong passwords at the same moment, from threads of one web process and of others, each from
    its own address: at most `attempts` reach the password check; the rest, and then the right password,
    are refused until the window has passed."""
    guesses = 12
    stores = [people, reopen(), reopen()]
    start = threading.Barrier(guesses)
    outcomes: list[str] = []

    def guess(i: int) -> None:
        accounts = Accounts(stores[i % len(stores)], LIMITS)
        start.wait()
        try:
            accounts.sign_in("bob", f"guess number {i}", address=f"10.0.5.{i}")
            outcomes.append("signed in")
        except SignInError:
            outcomes.append("checked")
        except TooManyAttemptsError:
            outcomes.append("refused")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["checked"] * LIMITS.attempts + ["refused"] * (guesses - LIMITS.attempts)
    with pytest.raises(TooManyAttemptsError):
        Accounts(people, LIMITS).sign_in("bob", PASSWORD, address="10.0.6.1")
    clock.set(clock.now + LIMITS.window)
    assert Accounts(people, LIMITS).sign_in("bob", PASSWORD, address="10.0.6.1").name == "bob"


def test_the_right_password_does_not_wipe_other_peoples_failures(people: Store) -> None:
    """The account's owner signing in must not give someone guessing from elsewhere a fresh count."""
    accounts = Accounts(people, LIMITS)
    for i in range(LIMITS.attempts - 1):
        with pytest.raises(SignInError):
            accounts.sign_in("bob", "guess", address=f"10.0.7.{i}")

    assert accounts.sign_in("bob", PASSWORD, address="192.0.2.10").name == "bob"

    with pytest.raises(SignInError):
        accounts.sign_in("bob", "guess", address="10.0.7.99")
    with pytest.raises(TooManyAttemptsError):
        accounts.sign_in("bob", "another guess", address="10.0.7.98")


def test_an_unknown_account_is_limited_like_a_known_one(people: Store) -> None:
    accounts = Accounts(people, LIMITS)
    for i in range(LIMITS.attempts):
        with pytest.raises(SignInError):
            accounts.sign_in("ghost", "guess", address=f"10.0.3.{i}")

    with pytest.raises(TooManyAttemptsError):
        accounts.sign_in("ghost", "guess", address="10.0.4.1")


def test_a_session_ends_after_the_idle_time(people: Store, clock: Clock) -> None:
    accounts = Accounts(people, LIMITS)
    token = accounts.start_session(people.accounts.get("bob"))

    clock.set(clock.now + LIMITS.session_idle - dt.timedelta(minutes=1))
    assert accounts.session_user(token) is not None  # used: the idle time starts again
    clock.set(clock.now + LIMITS.session_idle - dt.timedelta(minutes=1))
    assert accounts.session_user(token) is not None
    clock.set(clock.now + LIMITS.session_idle + dt.timedelta(minutes=1))
    assert accounts.session_user(token) is None
    clock.set(clock.now - LIMITS.session_idle)  # gone for good, not merely refused while idle
    assert accounts.session_user(token) is None


def test_a_session_ends_after_its_lifetime_however_much_it_is_used(people: Store, clock: Clock) -> None:
    accounts = Accounts(people, LIMITS)
    token = accounts.start_session(people.accounts.get("bob"))
    start = clock.now
    while clock.now - start < LIMITS.session_lifetime - dt.timedelta(minutes=20):
        clock.set(clock.now + dt.timedelta(minutes=20))
        assert accounts.session_user(token) is not None

    clock.set(start + LIMITS.session_lifetime + dt.timedelta(seconds=1))
    assert accounts.session_user(token) is None


def test_sessions_are_revoked_by_signing_out_disabling_and_a_new_password(people: Store) -> None:
    accounts = people.accounts
    bob = accounts.get("bob")
    signed_out, disabled, repassworded = (accounts.start_session(bob) for _ in range(3))

    accounts.end_session(signed_out)
    assert accounts.session_user(signed_out) is None
    assert accounts.session_user(disabled) is not None
    accounts.set_password("bob", "another long password")
    assert accounts.session_user(repassworded) is None
    new = accounts.start_session(bob)
    accounts.disable("bob")
    assert accounts.session_user(new) is None


def test_only_hashes_of_session_and_api_tokens_are_stored(people: Store) -> None:
    session = people.accounts.start_session(people.accounts.get("bob"))
    record, secret = people.accounts.create_token("bob", "deploy script")

    with people.engine.connect() as conn:
        kept = [*conn.execute(sa.select(t.sessions.c.token_sha256)).scalars()]
        kept += [*conn.execute(sa.select(t.api_tokens.c.token_sha256)).scalars()]
    assert session not in kept
    assert secret not in kept
    assert people.accounts.token_user(secret).name == "bob"  # type: ignore[union-attr]
    assert record.label == "deploy script"


def test_a_token_stops_working_when_revoked_or_its_account_disabled(people: Store) -> None:
    accounts = people.accounts
    bob = accounts.get("bob")
    revoked, _ = accounts.create_token("bob")
    _, secret = accounts.create_token("bob")
    kept, _ = accounts.create_token("bob")

    accounts.revoke_token(bob, revoked.id)
    assert [token.id for token in accounts.tokens(bob)] == [revoked.id + 1, kept.id]
    with pytest.raises(NotFoundError):
        accounts.revoke_token(accounts.get("ana@example.com"), kept.id)  # not hers
    accounts.disable("bob")
    assert accounts.token_user(secret) is None
    assert accounts.token_user("made-up-token") is None


def test_only_admins_manage_people_but_anyone_makes_their_own_token(people: Store) -> None:
    bob = people.as_viewer(Viewer(name="bob", role=Role.VIEWER))

    with pytest.raises(PermissionDeniedError, match="Only admins"):
        bob.accounts.add("eve", role=Role.ADMIN, password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        bob.accounts.set_role("bob", Role.ADMIN)
    with pytest.raises(PermissionDeniedError):
        bob.accounts.create_token("ana@example.com")
    assert bob.accounts.create_token("bob")[0].user_id == people.accounts.get("bob").id


def test_bad_names_roles_and_passwords_get_one_sentence(people: Store) -> None:
    with pytest.raises(InputError, match="already an account 'bob'"):
        people.accounts.add("BOB", role=Role.AUTHOR, password=PASSWORD)
    with pytest.raises(InputError, match="not a usable account name"):
        people.accounts.add("two words", role=Role.AUTHOR, password=PASSWORD)
    with pytest.raises(InputError, match="at least 10 characters"):
        people.accounts.add("carol", role=Role.AUTHOR, password="short")
    with pytest.raises(NotFoundError, match="no account 'dave'"):
        people.accounts.disable("dave")


def test_a_proxy_user_is_made_a_viewer_on_first_sight_and_refused_once_disabled(people: Store) -> None:
    first = people.accounts.proxy_user("Carol@Example.com")

    assert first is not None
    assert (first.name, first.role, first.has_password) == ("carol@example.com", Role.VIEWER, False)
    assert people.accounts.proxy_user("carol@example.com") == first
    people.accounts.disable("carol@example.com")
    assert people.accounts.proxy_user("carol@example.com") is None


def test_an_unknown_name_is_checked_against_a_real_argon2_hash_too(people: Store) -> None:
    """The same work for a name that does not exist: a verification against a dummy Argon2id hash of the
    same parameters (timing itself is measured in benchmarks/auth.py, not asserted here)."""
    from afterboard.store.passwords import dummy_hash, hasher

    before = dummy_hash.cache_info()
    with pytest.raises(SignInError):
        Accounts(people, LIMITS).sign_in("nobody", PASSWORD, address="10.0.9.1")
    after = dummy_hash.cache_info()

    assert after.hits + after.misses == before.hits + before.misses + 1
    assert hasher().check_needs_rehash(dummy_hash()) is False  # the parameters new passwords get
