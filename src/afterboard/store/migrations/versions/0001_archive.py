"""The archive: post-mortems, their revisions, status changes, tags, factors, action items, files, findings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def _postmortem_id(*, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column("postmortem_id", sa.Integer, nullable=False, primary_key=primary_key)


def _postmortem_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["postmortem_id"],
        ["postmortems.id"],
        name=f"fk_{table}_postmortem_id_postmortems",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "postmortems",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=True),
        sa.Column("started_at", UTC_TIME, nullable=True),
        sa.Column("detected_at", UTC_TIME, nullable=True),
        sa.Column("mitigated_at", UTC_TIME, nullable=True),
        sa.Column("resolved_at", UTC_TIME, nullable=True),
        sa.Column("published_at", UTC_TIME, nullable=True),
        sa.Column("current_revision", sa.Integer, nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False, server_default="team"),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.CheckConstraint("status IN ('draft', 'in_review', 'published')", name="ck_postmortems_status"),
        sa.CheckConstraint("visibility IN ('team', 'restricted')", name="ck_postmortems_visibility"),
        sa.PrimaryKeyConstraint("id", name="pk_postmortems"),
    )
    for column in ("kind", "severity", "status", "occurred_on"):
        op.create_index(f"ix_postmortems_{column}", "postmortems", [column])

    op.create_table(
        "postmortem_access",
        _postmortem_id(primary_key=True),
        sa.Column("principal", sa.String(200), primary_key=True),
        _postmortem_fk("postmortem_access"),
        sa.PrimaryKeyConstraint("postmortem_id", "principal", name="pk_postmortem_access"),
    )

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("message", sa.Text, nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        _postmortem_fk("revisions"),
        sa.PrimaryKeyConstraint("id", name="pk_revisions"),
        sa.UniqueConstraint("postmortem_id", "number", name="uq_revisions_postmortem_id_number"),
    )
    op.create_index("ix_revisions_postmortem_id", "revisions", ["postmortem_id"])

    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("at", UTC_TIME, nullable=False),
        _postmortem_fk("status_changes"),
        sa.PrimaryKeyConstraint("id", name="pk_status_changes"),
    )
    op.create_index("ix_status_changes_postmortem_id", "status_changes", ["postmortem_id"])

    op.create_table(
        "tags",
        _postmortem_id(primary_key=True),
        sa.Column("tag", sa.String(100), primary_key=True),
        _postmortem_fk("tags"),
        sa.PrimaryKeyConstraint("postmortem_id", "tag", name="pk_tags"),
    )
    op.create_index("ix_tags_tag", "tags", ["tag"])

    op.create_table(
        "factors",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=True),
        _postmortem_fk("factors"),
        sa.PrimaryKeyConstraint("id", name="pk_factors"),
    )
    op.create_index("ix_factors_postmortem_id", "factors", ["postmortem_id"])
    op.create_index("ix_factors_category", "factors", ["category"])

    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("priority", sa.String(40), nullable=True),
        sa.Column("category", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("removed_in_revision", sa.Integer, nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("done_at", UTC_TIME, nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'done', 'wont_do')", name="ck_action_items_status"
        ),
        _postmortem_fk("action_items"),
        sa.PrimaryKeyConstraint("id", name="pk_action_items"),
    )
    for column in ("postmortem_id", "owner", "due", "status"):
        op.create_index(f"ix_action_items_{column}", "action_items", [column])

    op.create_table(
        "action_item_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action_item_id", sa.Integer, nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old_value", sa.Text, nullable=True),
        sa.Column("new_value", sa.Text, nullable=True),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["action_item_id"],
            ["action_items.id"],
            name="fk_action_item_changes_action_item_id_action_items",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_action_item_changes"),
    )
    op.create_index("ix_action_item_changes_action_item_id", "action_item_changes", ["action_item_id"])

    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("revision", sa.Integer, nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.CheckConstraint(
            "role IN ('photo', 'annotated', 'notes', 'document', 'other')", name="ck_attachments_role"
        ),
        _postmortem_fk("attachments"),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name="fk_attachments_sha256_blobs"),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
    )
    op.create_index("ix_attachments_postmortem_id", "attachments", ["postmortem_id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])

    op.create_table(
        "checks",
        _postmortem_id(primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("checked_at", UTC_TIME, nullable=False),
        _postmortem_fk("checks"),
        sa.PrimaryKeyConstraint("postmortem_id", name="pk_checks"),
    )

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        _postmortem_id(),
        sa.Column("rule", sa.String(100), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("fix", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=True),
        sa.Column("line", sa.Integer, nullable=True),
        _postmortem_fk("findings"),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
    )
    op.create_index("ix_findings_postmortem_id", "findings", ["postmortem_id"])

    op.create_table(
        "search_text",
        _postmortem_id(primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        _postmortem_fk("search_text"),
        sa.PrimaryKeyConstraint("postmortem_id", name="pk_search_text"),
    )


def downgrade() -> None:
    for table in (
        "search_text",
        "findings",
        "checks",
        "attachments",
        "blobs",
        "action_item_changes",
        "action_items",
        "factors",
        "tags",
        "status_changes",
        "revisions",
        "postmortem_access",
        "postmortems",
    ):
        op.drop_table(table)
