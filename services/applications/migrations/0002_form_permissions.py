"""Department admins maintain their services' online forms; officers read them."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

GRANTS = {
    "Department admin": [
        "applications.add_formpage", "applications.change_formpage", "applications.delete_formpage", "applications.view_formpage",
        "applications.add_formfield", "applications.change_formfield", "applications.delete_formfield", "applications.view_formfield",
        "applications.view_calendarday",
    ],
    "Case officer": ["applications.view_formpage", "applications.view_formfield", "applications.view_calendarday"],
}


def grant_form_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial"), ("accounts", "0002_staff_groups")]
    operations = [migrations.RunPython(grant_form_permissions, migrations.RunPython.noop)]
