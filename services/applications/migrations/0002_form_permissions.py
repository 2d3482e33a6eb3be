"""Department admins maintain their services' online forms; officers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Department admin": [
        "add_formpage", "change_formpage", "delete_formpage", "view_formpage",
        "add_formfield", "change_formfield", "delete_formfield", "view_formfield",
        "view_calendarday",
    ],
    "Case officer": ["view_formpage", "view_formfield", "view_calendarday"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="applications", codename__in=codes))


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial"), ("accounts", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
