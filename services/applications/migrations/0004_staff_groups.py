"""Permissions of each staff role for processing applications, and the supervisor group."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

GRANTS = {
    "Case officer": [
        "applications.view_application", "applications.process_application", "applications.export_application", "applications.view_applicationevent",
        "applications.view_inforequest", "applications.view_attachment", "applications.add_materialcheck", "applications.change_materialcheck", "applications.view_materialcheck",
    ],
    "Counter clerk": [
        "applications.view_application", "applications.view_applicationevent", "applications.view_attachment", "applications.add_materialcheck", "applications.change_materialcheck",
        "applications.view_materialcheck",
    ],
    "Department admin": [
        "applications.view_application", "applications.export_application", "applications.view_applicationevent", "applications.view_inforequest", "applications.view_attachment",
        "applications.view_materialcheck",
    ],
    "Supervisor": [
        "applications.view_application", "applications.view_all_departments", "applications.export_application", "applications.view_applicationevent",
        "applications.view_inforequest", "applications.view_attachment", "applications.view_materialcheck", "applications.view_access_log", "applications.view_accesslog",
        "applications.view_formpage", "applications.view_formfield", "applications.view_calendarday",
    ],
}
SUPERVISOR_CATALOGUE = [
    "catalogue.view_service", "catalogue.view_material", "catalogue.view_faq", "catalogue.view_department",
    "catalogue.view_lifeevent",
]
GRANTS["Supervisor"] = GRANTS["Supervisor"] + SUPERVISOR_CATALOGUE


def grant_processing_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GRANTS)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Supervisor").delete()


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_staff_processing"), ("accounts", "0002_staff_groups"),
                    ("catalogue", "0002_catalogue_version_row")]
    operations = [migrations.RunPython(grant_processing_permissions, revoke)]
