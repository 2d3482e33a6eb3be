"""More search synonyms (issue 12, second review): everyday words for life events and services the
seed (0004) missed. Each official term is a demo service's name, keyword or synonym, or a life
event's name (a synonym whose official term is a life event's name brings up that event: its card
and its services; see services/catalogue/search.py). Added idempotently; removed on reverse."""

from django.db import migrations

# (language, what people type, official term)
SEED = [
    # Life events by their everyday words (the event names are 迁居, 婚育, 开餐厅, 开办企业)
    ("zh", "搬家", "迁居"),
    ("zh", "搬新家", "迁居"),
    ("zh", "结婚", "婚育"),
    ("zh", "开饭店", "开餐厅"),
    ("zh", "开饭馆", "开餐厅"),
    ("zh", "开餐馆", "开餐厅"),
    ("zh", "开店", "开办企业"),
    # Services
    ("zh", "换驾照", "驾驶证有效期满换证"),
    ("zh", "驾照换证", "驾驶证有效期满换证"),
    ("zh", "房子", "不动产"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("catalogue", "Synonym")
    for language, phrase, official in SEED:
        Synonym.objects.get_or_create(language=language, phrase=phrase, official=official)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("catalogue", "Synonym")
    for language, phrase, official in SEED:
        Synonym.objects.filter(language=language, phrase=phrase, official=official).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_remove_service_search_text")]
    operations = [migrations.RunPython(seed, unseed)]
