"""The one exception tree of afterboard; the CLI and the web translate it at the edge.

    AfterboardError            anything afterboard refuses, with a sentence saying what to do
    ├── InputError             a file or value the user gave cannot be used (missing, binary, bad date)
    │   └── EmptyBoardError    the source was read but holds no notes
    ├── ConfigError            a setting or configuration file is wrong
    ├── EngineError            the OCR engine or its models are not installed
    ├── PermissionDeniedError  the signed-in person's role does not allow the change
    └── StoreError             the archive (database) cannot do what was asked
        ├── NotFoundError      no post-mortem, revision or action item with that id
        ├── StoreNotReadyError the database has no tables yet, or older ones: run `afterboard migrate`
        └── StoreBusyError     another process holds the database; retrying will work

Messages are complete sentences written for the person at the keyboard: they name the file or value and
say how to fix it. Code that raises them never logs them as well; the edge prints them once.
"""

from __future__ import annotations


class AfterboardError(Exception):
    """Base of every error afterboard raises on purpose."""


class InputError(AfterboardError):
    """A file, photo or value given by the user cannot be used."""


class EmptyBoardError(InputError):
    """The source was readable but holds no notes to draft from."""


class ConfigError(AfterboardError):
    """A setting or a configuration file is invalid."""


class StoreError(AfterboardError):
    """The archive cannot do what was asked (unreachable database, refused change)."""


class NotFoundError(StoreError):
    """No post-mortem, revision or action item has the id that was given."""


class StoreNotReadyError(StoreError):
    """The database is empty or at an older migration; `afterboard migrate` fixes it."""


class StoreBusyError(StoreError):
    """Another process held the database too long; nothing was written, and trying again will work."""

    retryable = True


class PermissionDeniedError(AfterboardError):
    """The person's role (viewer, author, admin) does not allow what was asked (HTTP 403)."""


class EngineError(AfterboardError):
    """The OCR engine that reads photos is not installed, or its models are missing."""
