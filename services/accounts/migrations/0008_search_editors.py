"""Who keeps the search synonyms (issue 12): content editors add, change and remove them and read
the report of what citizens searched for (and remove a query that holds personal data the
scrubbing missed); department admins read both (they answer with keywords
on their own services - the synonym list applies to every department's services, so it is not
theirs to change)."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

GROUPS = {
    "Content editor": [
        "catalogue.add_synonym",
        "catalogue.change_synonym",
        "catalogue.delete_synonym",
        "catalogue.view_synonym",
        "catalogue.view_searchqueryday",
        "catalogue.delete_searchqueryday",
    ],
    "Department admin": ["catalogue.view_synonym", "catalogue.view_searchqueryday"],
}


def add_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GROUPS)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            codenames = [code.split(".")[1] for code in codes]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="catalogue", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_organisation"),
        ("catalogue", "0004_seed_synonyms"),
        ("life", "0002_groups"),
    ]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
