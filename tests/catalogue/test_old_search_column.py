"""The old substring search's column (Service.search_text, a generated column) is gone: the
search index (SearchDocument, services/catalogue/search.py) replaced it; migration 0006 drops it."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from services.catalogue import search
from services.catalogue.models import Service
from tests.makers import make_service

pytestmark = pytest.mark.django_db


def test_the_service_model_has_no_search_text_field():
    with pytest.raises(FieldDoesNotExist):
        Service._meta.get_field("search_text")


def test_the_service_table_has_no_search_text_column_after_the_migrations():
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, Service._meta.db_table)}
    assert "name_zh" in columns
    assert "search_text" not in columns


def test_a_service_is_still_found_by_its_name_and_keywords_without_the_column():
    service = make_service(slug="boat-licence", name_zh="游艇驾驶证申领", name_en="Yacht licence", keywords_en="boat")
    search.flush()
    assert service.pk in search.find_services("游艇驾驶证").ids
    assert service.pk in search.find_services("boat").ids
    assert service in Service.objects.search("yacht")
