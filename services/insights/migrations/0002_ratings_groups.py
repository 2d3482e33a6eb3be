"""Who works with ratings and follow-ups (issue 13): case officers take their department's
follow-ups through their steps; department admins and supervisors read them (supervisors every
department's, like applications); counter clerks record a rating given at the counter."""

from django.db import migrations

from services.accounts.roles import ensure_permissions, grant

GRANTS = {
    "Case officer": [
        "insights.view_rating",
        "insights.view_followup",
        "insights.change_followup",
        "insights.view_followupevent",
    ],
    "Department admin": ["insights.view_rating", "insights.view_followup", "insights.view_followupevent"],
    "Supervisor": ["insights.view_rating", "insights.view_followup", "insights.view_followupevent"],
    "Counter clerk": ["insights.add_rating", "insights.view_rating"],
}


def add_permissions(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps, GRANTS)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            codenames = [code.split(".")[1] for code in codes]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="insights", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("accounts", "0008_search_editors"),
        ("applications", "0004_staff_groups"),
    ]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
