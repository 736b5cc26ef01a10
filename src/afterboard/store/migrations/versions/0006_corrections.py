"""Corrections: what a person typed over the engine's reading of a note in review, with the note's box on
the snap's stored photo, so that the team's vocabulary grows with every review.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("snap_id", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("x0", sa.Integer, nullable=True),
        sa.Column("y0", sa.Integer, nullable=True),
        sa.Column("x1", sa.Integer, nullable=True),
        sa.Column("y1", sa.Integer, nullable=True),
        sa.Column("reading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["snap_id"], ["snaps.id"], name="fk_corrections_snap_id_snaps", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_snap_id", "corrections", ["snap_id"])


def downgrade() -> None:
    op.drop_table("corrections")
