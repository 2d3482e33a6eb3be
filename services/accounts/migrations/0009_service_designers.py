"""Who defines bundles ("one thing, done once", issue 13): a new "Service designer" group and
supervisors define them for every department (bundles, their services in order); department
admins read the bundles that include their own services (bundle_admin.py shows them only their
own services in them). Designers also read the catalogue they build from."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

BUNDLE_PERMISSIONS = [
    f"applications.{action}_{model}"
    for model in ("bundle", "bundlepart")
    for action in ("add", "change", "delete", "view")
]
GROUPS = {
    "Service designer": [
        *BUNDLE_PERMISSIONS,
        "catalogue.view_service",
        "catalogue.view_lifeevent",
        "catalogue.view_department",
        "catalogue.view_material",
        "applications.view_formpage",
        "applications.view_formfield",
    ],
    "Supervisor": BUNDLE_PERMISSIONS,
    "Department admin": ["applications.view_bundle", "applications.view_bundlepart"],
}


def add_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GROUPS)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name="Service designer").delete()
    for name in ("Supervisor", "Department admin"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            codenames = [code.split(".")[1] for code in GROUPS[name]]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="applications", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_search_editors"),
        ("applications", "0013_bundles"),
    ]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
