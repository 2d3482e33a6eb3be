"""Permissions of each staff role for processing applications, and the supervisor group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Case officer": [
        "view_application", "process_application", "export_application", "view_applicationevent",
        "view_inforequest", "view_attachment", "add_materialcheck", "change_materialcheck", "view_materialcheck",
    ],
    "Counter clerk": [
        "view_application", "view_applicationevent", "view_attachment", "add_materialcheck", "change_materialcheck",
        "view_materialcheck",
    ],
    "Department admin": [
        "view_application", "export_application", "view_applicationevent", "view_inforequest", "view_attachment",
        "view_materialcheck",
    ],
    "Supervisor": [
        "view_application", "view_all_departments", "export_application", "view_applicationevent",
        "view_inforequest", "view_attachment", "view_materialcheck", "view_access_log", "view_accesslog",
        "view_formpage", "view_formfield", "view_calendarday",
    ],
}
SUPERVISOR_CATALOGUE = ["view_service", "view_material", "view_faq", "view_department", "view_lifeevent"]


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
    Group.objects.get(name="Supervisor").permissions.add(
        *Permission.objects.filter(content_type__app_label="catalogue", codename__in=SUPERVISOR_CATALOGUE)
    )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Supervisor").delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_staff_processing"), ("accounts", "0002_staff_groups"),
                    ("catalogue", "0002_catalogue_version_row")]
    operations = [migrations.RunPython(grant, revoke)]
