"""Names the archive gives things, importable without pydantic or SQLAlchemy: the command line lists them
in its help, and its help must come up at once."""

from __future__ import annotations

from enum import StrEnum

ROLES = ("photo", "annotated", "notes", "document", "other")
"""What an attached file is to the post-mortem: the board photo, the annotated image, the typed notes..."""


class Role(StrEnum):
    """What a person may do: viewers read; authors also write; admins also manage people and access."""

    VIEWER = "viewer"
    AUTHOR = "author"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return ("viewer", "author", "admin").index(self.value)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank
