"""The post-mortem document model: one type for incident and project post-mortems.

Optionals are honest: a missing owner, deadline or detection time is `None`, never a placeholder, so that
checks can report the gap. Every item keeps `source` (the note it came from: 'notes.md:14',
'board.jpg#note-7') and `confidence` (how sure the reader was of its text), which makes a draft traceable.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

FIRST_YEAR, LAST_YEAR = 1900, 2999


def _in_calendar(at: dt.datetime) -> dt.datetime:
    """Refuse a moment that could not be shown in another time zone or have a deadline added to it
    ('0001-01-01T01:00+05:09' is the year 0 in UTC): every view and check does both."""
    try:
        year = at.astimezone(dt.UTC).year
    except OverflowError:
        year = at.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"a moment must fall between the years {FIRST_YEAR} and {LAST_YEAR}")
    return at


Moment = Annotated[AwareDatetime, AfterValidator(_in_calendar)]
"""A date and time with its time zone, in years a post-mortem can be about."""


class Kind(StrEnum):
    INCIDENT = "incident"
    PROJECT = "project"


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


class Mark(StrEnum):
    """The moments of an incident that a timeline entry can mark."""

    STARTED = "started"
    DETECTED = "detected"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Traced(_Model):
    source: str | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Item(Traced):
    """A line of free text: a summary sentence, an impact statement, something that went well."""

    text: str


class TimelineEntry(Traced):
    text: str
    at: Moment | None = None
    time_text: str | None = None
    """The time as written ('2:05pm', 'Nov 20 14:02'), kept for the reader."""
    mark: Mark | None = None


class Why(Traced):
    """One link of a five-whys chain: 'why ...?' answered by 'because ...'."""

    answer: str
    question: str | None = None

    @property
    def text(self) -> str:
        return self.answer


CATEGORIES = (
    "code",
    "configuration",
    "infrastructure",
    "dependencies",
    "process",
    "monitoring",
    "people & training",
    "communication",
    "tooling",
    "capacity",
    "security",
    "data",
)
"""Fishbone bones a team may use; a note 'Process: no review step' or a sub-heading names its bone."""


class Bone(_Model):
    """One category bone of a fishbone diagram."""

    category: str
    causes: tuple[str, ...] = ()


class RootCause(_Model):
    statements: tuple[Item, ...] = ()
    whys: tuple[Why, ...] = ()
    fishbone: tuple[Bone, ...] = ()

    @property
    def deepest(self) -> str | None:
        """The deepest cause stated: the last answer of the chain, else the first statement."""
        if self.whys:
            return self.whys[-1].answer
        if self.statements:
            return self.statements[0].text
        return None

    @property
    def is_empty(self) -> bool:
        return not (self.statements or self.whys or self.fishbone)


class Factor(Traced):
    text: str
    category: str | None = None


class ActionItem(Traced):
    text: str
    owner: str | None = None
    due: dt.date | None = None
    due_text: str | None = None
    """The deadline as written ('by Fri', 'EOW'), kept beside the date it was resolved to."""
    priority: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    link: str | None = None
    category: str | None = None
    """prevent / detect / mitigate / process, when known."""


class Impact(_Model):
    who: str | None = None
    users_affected: int | None = None
    users_share: float | None = Field(default=None, ge=0.0, le=1.0)
    duration: dt.timedelta | None = None
    severity: str | None = None
    statements: tuple[Item, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.statements and all(
            v is None for v in (self.who, self.users_affected, self.users_share, self.duration, self.severity)
        )


class ExtraSection(_Model):
    """A section outside the canonical ones, kept with its heading as written."""

    title: str
    items: tuple[Item, ...] = ()
    key: str | None = None
    """A known section key (lessons_learned, lucky...) or None for a heading nobody recognised."""


class PostMortem(_Model):
    kind: Kind = Kind.INCIDENT
    title: str = ""
    severity: str | None = None
    status: Status = Status.DRAFT
    date: dt.date | None = None
    timezone: str | None = None
    """The time zone the document states; None when it states none (times are then read as UTC)."""
    started_at: Moment | None = None
    detected_at: Moment | None = None
    mitigated_at: Moment | None = None
    resolved_at: Moment | None = None
    summary: tuple[Item, ...] = ()
    impact: Impact = Impact()
    timeline: tuple[TimelineEntry, ...] = ()
    root_cause: RootCause = RootCause()
    contributing_factors: tuple[Factor, ...] = ()
    went_well: tuple[Item, ...] = ()
    action_items: tuple[ActionItem, ...] = ()
    extra_sections: tuple[ExtraSection, ...] = ()
    authors: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    emergency_on_call: bool | None = None
    publication_due: Moment | None = None

    @property
    def time_to_detect(self) -> dt.timedelta | None:
        return _between(self.started_at, self.detected_at)

    @property
    def time_to_mitigate(self) -> dt.timedelta | None:
        return _between(self.started_at, self.mitigated_at)

    @property
    def time_to_resolve(self) -> dt.timedelta | None:
        return _between(self.started_at, self.resolved_at)


def _between(start: dt.datetime | None, end: dt.datetime | None) -> dt.timedelta | None:
    if start is None or end is None or end < start:
        return None
    return end - start
