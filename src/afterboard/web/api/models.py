"""Request and response bodies of the API that are not the library's own records."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from afterboard.board import Note
from afterboard.checks.finding import Finding
from afterboard.postmortem import PostMortem, Status
from afterboard.store.records import Role, Saved, SnapStatus

Id = Annotated[int, Path(ge=1, le=2**31 - 1, description="The id the archive gave it.")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


RestrictedTo = Annotated[
    list[Annotated[str, Field(max_length=200)]] | None,
    Field(
        max_length=500,
        description=(
            "Create it restricted: only these people (account names), you and admins may see it, from its "
            "first save. Omit (or null) for the team; [] for you and admins alone. Every name must be an "
            "active account. Afterwards, only an admin changes who may see it."
        ),
    ),
]
"""Who may see a post-mortem being created, when not the whole team."""


class NewPostMortem(_Body):
    """Give exactly one: a post-mortem as Markdown, the typed notes to draft one from, or afterboard JSON."""

    markdown: str | None = Field(None, max_length=400_000)
    notes: str | None = Field(None, max_length=400_000)
    postmortem: PostMortem | None = None
    message: str | None = Field(None, max_length=2000)
    restricted_to: RestrictedTo = None


class DraftSnap(_Body):
    restricted_to: RestrictedTo = None
    """For the first draft only; a redraft keeps who may see the post-mortem."""


class Revise(_Body):
    markdown: str = Field(max_length=400_000)
    message: str | None = Field(None, max_length=2000)


class Checked(BaseModel):
    saved: Saved
    findings: list[Finding]


class Document(BaseModel):
    id: int
    revision: int
    latest_revision: int
    status: Status
    markdown: str
    postmortem: PostMortem


class StatusBody(_Body):
    status: Status


class Preview(_Body):
    markdown: str = Field(max_length=400_000)


class Previewed(BaseModel):
    html: str
    """Sanitised HTML of the Markdown (nothing in it can run)."""
    findings: list[Finding]


class SnapOut(BaseModel):
    id: int
    status: SnapStatus
    filename: str
    error: str | None
    postmortem_id: int | None
    notes: list[Note] | None
    """The notes as read (and as corrected), once the photo has been read."""


class NotesBody(_Body):
    notes: list[Note] = Field(max_length=2000)


class ActionChange(_Body):
    status: str | None = Field(None, description="open, in_progress, done or wont_do")
    link: str | None = Field(None, max_length=2000)


class Access(_Body):
    visibility: Literal["team", "restricted"]
    """team: everyone signed in; restricted: only `people` (account names) and admins."""
    people: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=500)


class Me(BaseModel):
    name: str | None
    """The account's name; None in single-user mode (auth = "none"), where everyone is an admin."""
    display_name: str | None
    role: Role
