"""Counter clerks register applications for citizens at their centre's counter (issue 10):
the "Counter clerk" group gets applications.add_application (access.registers_applications).
The admin's own add form stays closed (ApplicationAdmin.has_add_permission): they register
through the counter pages only."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

GRANTS = {"Counter clerk": ["applications.add_application"]}


def grant_registering(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GRANTS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Counter clerk").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="applications", codename="add_application")
        )


class Migration(migrations.Migration):
    dependencies = [("applications", "0011_offline_channel"), ("offline", "0002_booking")]
    operations = [migrations.RunPython(grant_registering, revoke)]
