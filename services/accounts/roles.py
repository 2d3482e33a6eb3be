"""Staff roles are Django groups made by data migrations; these helpers are shared by those
migrations (with historical models) and by the test suite (which must restore the groups after
a transactional test flushes the tables)."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps):
    """Permissions are normally created after all migrations have run; make them exist now."""
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = original


def grant(apps, grants):
    """grants: {group name: ["app_label.codename", ...]}; creates missing groups, adds permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in grants.items():
        group, _created = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
