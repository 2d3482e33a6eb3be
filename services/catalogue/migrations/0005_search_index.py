"""The search index (issue 12): SearchDocument rows, written by services/catalogue/search.py, and
each database's own full-text index over them, made here per vendor:

- SQLite: an FTS5 table with the document table as its external content, kept in step by
  triggers (the terms are segmented and folded already, so the unicode61 tokenizer only splits
  them at the spaces);
- PostgreSQL: a generated tsvector column (weights A-D: name, keywords and synonyms, summary,
  rest of the guide) with a GIN index, built with array_to_tsvector so that no text-search
  parser or locale touches the terms.

Fill it with `manage.py rebuild_search_index` (load_demo does).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE catalogue_searchdocument_fts USING fts5(
        name_terms, keyword_terms, summary_terms, body_terms,
        content='catalogue_searchdocument', content_rowid='service_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER catalogue_searchdocument_ai AFTER INSERT ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_searchdocument_fts(rowid, name_terms, keyword_terms, summary_terms, body_terms)
        VALUES (new.service_id, new.name_terms, new.keyword_terms, new.summary_terms, new.body_terms);
    END""",
    """CREATE TRIGGER catalogue_searchdocument_ad AFTER DELETE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_searchdocument_fts(catalogue_searchdocument_fts, rowid, name_terms, keyword_terms,
            summary_terms, body_terms)
        VALUES ('delete', old.service_id, old.name_terms, old.keyword_terms, old.summary_terms, old.body_terms);
    END""",
    """CREATE TRIGGER catalogue_searchdocument_au AFTER UPDATE ON catalogue_searchdocument BEGIN
        INSERT INTO catalogue_searchdocument_fts(catalogue_searchdocument_fts, rowid, name_terms, keyword_terms,
            summary_terms, body_terms)
        VALUES ('delete', old.service_id, old.name_terms, old.keyword_terms, old.summary_terms, old.body_terms);
        INSERT INTO catalogue_searchdocument_fts(rowid, name_terms, keyword_terms, summary_terms, body_terms)
        VALUES (new.service_id, new.name_terms, new.keyword_terms, new.summary_terms, new.body_terms);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS catalogue_searchdocument_au",
    "DROP TRIGGER IF EXISTS catalogue_searchdocument_ad",
    "DROP TRIGGER IF EXISTS catalogue_searchdocument_ai",
    "DROP TABLE IF EXISTS catalogue_searchdocument_fts",
]

POSTGRESQL = [
    """ALTER TABLE catalogue_searchdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(name_terms, ' ')), 'A')
        || setweight(array_to_tsvector(string_to_array(keyword_terms, ' ')), 'B')
        || setweight(array_to_tsvector(string_to_array(summary_terms, ' ')), 'C')
        || setweight(array_to_tsvector(string_to_array(body_terms, ' ')), 'D')
    ) STORED""",
    "CREATE INDEX catalogue_searchdocument_document_gin ON catalogue_searchdocument USING gin (document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS catalogue_searchdocument_document_gin",
    "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS document",
]


def create_index(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_seed_synonyms")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="catalogue.service",
                        verbose_name="service",
                    ),
                ),
                ("title", models.TextField(help_text="Both names, normalised, one per line.", verbose_name="names")),
                ("name_terms", models.TextField(blank=True, verbose_name="name terms")),
                ("keyword_terms", models.TextField(blank=True, verbose_name="keyword and synonym terms")),
                ("summary_terms", models.TextField(blank=True, verbose_name="summary terms")),
                ("body_terms", models.TextField(blank=True, verbose_name="guide terms")),
            ],
            options={"verbose_name": "search document", "verbose_name_plural": "search documents"},
        ),
        migrations.RunPython(create_index, drop_index),
    ]
