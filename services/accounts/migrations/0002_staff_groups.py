"""Permission groups for staff. Later issues add their own permissions to these groups."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

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
    ensure_permissions(apps)
    grant(apps, GROUPS)


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
