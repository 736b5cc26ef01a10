"""Snaps: uploaded board photos waiting to be read, being read, or read (with the board and its draft).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snaps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("photo_sha256", sa.String(64), nullable=False),
        sa.Column("annotated_sha256", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(20), nullable=True),
        sa.Column("today", sa.Date, nullable=True),
        sa.Column("board", sa.Text, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("postmortem_id", sa.Integer, nullable=True),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="ck_snaps_status"),
        sa.ForeignKeyConstraint(["photo_sha256"], ["blobs.sha256"], name="fk_snaps_photo_sha256_blobs"),
        sa.ForeignKeyConstraint(
            ["annotated_sha256"], ["blobs.sha256"], name="fk_snaps_annotated_sha256_blobs"
        ),
        sa.ForeignKeyConstraint(
            ["postmortem_id"],
            ["postmortems.id"],
            name="fk_snaps_postmortem_id_postmortems",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_snaps"),
    )
    op.create_index("ix_snaps_status", "snaps", ["status"])
    op.create_index("ix_snaps_postmortem_id", "snaps", ["postmortem_id"])


def downgrade() -> None:
    op.drop_table("snaps")
