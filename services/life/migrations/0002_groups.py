"""The digital-life roles: content editors maintain all four areas and approve providers'
changes; providers keep their own organisation's entries (scoped in life.admin)."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

AREA_MODELS = ["hospital", "resource", "careplace", "venue"]


def _all(*models):
    return [f"life.{verb}_{model}" for model in models for verb in ("add", "change", "delete", "view")]


GROUPS = {
    "Content editor": [
        *_all(*AREA_MODELS, "hours", "organisation", "specialty", "subject"),
        "life.view_changerequest", "life.change_changerequest",
        "catalogue.view_service", "catalogue.view_lifeevent", "catalogue.view_district",
    ],
    "Provider": [
        *[f"life.{verb}_{model}" for model in AREA_MODELS for verb in ("add", "change", "view")],
        "life.add_hours", "life.change_hours", "life.delete_hours", "life.view_hours",
        "life.view_specialty", "life.view_subject", "life.view_changerequest",
        "catalogue.view_service", "catalogue.view_lifeevent", "catalogue.view_district",
    ],
}


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GROUPS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("life", "0001_initial"),
        ("accounts", "0007_user_organisation"),
        ("catalogue", "0002_catalogue_version_row"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
