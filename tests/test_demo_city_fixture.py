"""The module-scoped demo city (tests/conftest.py: demo_city): loaded once for the module, each
test's changes undone before the next, the demo logins and documents usable."""

import pytest

from services.catalogue.models import Service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_city")]


def test_a_test_may_change_the_demo_city():
    Service.objects.update(name_en="Changed")
    assert not Service.objects.exclude(name_en="Changed").exists()


def test_the_next_test_sees_the_city_as_loaded():
    assert Service.objects.exists() and not Service.objects.filter(name_en="Changed").exists()


def test_the_demo_documents_are_in_the_tests_uploads(settings):
    from services.applications.models import Attachment

    stored = [a for a in Attachment.objects.all()[:20] if a.file]
    assert stored
    assert all(settings.MEDIA_ROOT.joinpath(a.file.name).exists() for a in stored)
