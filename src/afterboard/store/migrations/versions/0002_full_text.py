"""Full-text search over search_text: FTS5 on SQLite, a generated tsvector with a GIN index on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# An external-content FTS5 table over search_text, kept in step by triggers inside the saving transaction.
# porter stemming: "failing" finds "failed"; remove_diacritics 2: "café" finds "cafe".
SQLITE_UP = (
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, content='search_text', content_rowid='postmortem_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.postmortem_id, new.title, new.body);
    END""",
    """CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.postmortem_id, old.title, old.body);
    END""",
    """CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.postmortem_id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.postmortem_id, new.title, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER search_text_au",
    "DROP TRIGGER search_text_ad",
    "DROP TRIGGER search_text_ai",
    "DROP TABLE search_fts",
)
# The title weighs more than the body (label A against D) in ts_rank_cd.
POSTGRESQL_UP = (
    """ALTER TABLE search_text ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')
    ) STORED""",
    "CREATE INDEX ix_search_text_search_vector ON search_text USING gin (search_vector)",
)
POSTGRESQL_DOWN = (
    "DROP INDEX ix_search_text_search_vector",
    "ALTER TABLE search_text DROP COLUMN search_vector",
)


def upgrade() -> None:
    for statement in SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_UP:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DOWN:
        op.execute(statement)
