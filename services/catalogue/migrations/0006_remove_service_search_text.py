"""Service.search_text goes: the generated column (both names, summaries, keywords and synonyms,
lowercased) was the old substring search's (`LIKE '%...%'`); the search index of migration 0005
(SearchDocument, written by services/catalogue/search.py) replaced it, and nothing reads it now.

SQLite drops the column with ALTER TABLE DROP COLUMN (3.35+), PostgreSQL with DROP COLUMN; the
SearchDocument rows and their full-text index do not refer to it, so nothing needs rebuilding.
Reversing adds the column back and each database computes it again from the row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0005_search_index")]

    operations = [migrations.RemoveField(model_name="service", name="search_text")]
