"""Permission groups for staff. Later issues add their own permissions to these groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Department admin": [
        "catalogue.view_department", "catalogue.view_district", "catalogue.view_lifeevent",
        "catalogue.add_service", "catalogue.change_service", "catalogue.delete_service", "catalogue.view_service",
        "catalogue.add_material", "catalogue.change_material", "catalogue.delete_material", "catalogue.view_material",
        "catalogue.add_faq", "catalogue.change_faq", "catalogue.delete_faq", "catalogue.view_faq",
        "offline.view_servicecentre",
    ],
    "Case officer": ["catalogue.view_service", "catalogue.view_material", "catalogue.view_faq"],
    "Counter clerk": ["catalogue.view_service", "catalogue.view_material", "offline.view_servicecentre"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("catalogue", "0001_initial"),
        ("offline", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
