"""The search index follows the catalogue (issue 12, point 1): services/catalogue/search.py keeps
one SearchDocument per published service, and the database's full-text index over it."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from services.catalogue import search
from services.catalogue.models import SearchDocument, Service
from services.lib import cache
from tests.makers import make_department, make_event, make_faq, make_material, make_service

pytestmark = pytest.mark.django_db


def found(query):
    return search.find_services(query).ids


@pytest.fixture
def service():
    return make_service(
        slug="passport",
        name_zh="普通护照签发",
        name_en="Passport application",
        keywords_en="travel document",
        department=make_department(name_zh="出入境管理局", name_en="Exit-entry administration"),
    )


def test_a_new_service_is_found_at_once(service):
    assert found("passport") == [service.pk]
    assert found("护照") == [service.pk]


def test_the_index_is_written_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = make_service(name_en="Boat licence", name_zh="船舶执照")
    assert SearchDocument.objects.filter(service=made).exists()
    assert "boat" in SearchDocument.objects.get(service=made).name_terms.split()


def test_an_edited_name_keyword_or_synonym_is_found_and_the_old_one_is_not(service):
    assert found("passport") == [service.pk]
    service.name_en = "Travel permit"
    service.synonyms_zh = "出国证件"
    service.keywords_en = "visa"
    service.save()
    assert found("passport") == []
    assert found("visa") == [service.pk]
    assert found("出国证件") == [service.pk]


def test_materials_faq_department_and_life_events_are_part_of_the_guide(service):
    make_material(service, name_zh="户口簿", name_en="Household register booklet")
    assert found("booklet") == [service.pk]
    make_faq(service, question_zh="可以加急吗？", question_en="Can it be expedited?")
    assert found("expedited") == [service.pk]
    service.department.name_en = "Immigration office"
    service.department.save()
    assert found("immigration") == [service.pk]
    event = make_event(name_zh="出国留学", name_en="Studying abroad")
    service.life_events.add(event)
    assert found("abroad") == [service.pk]
    event.name_en = "Going overseas"
    event.save()
    assert found("overseas") == [service.pk]
    assert found("abroad") == []


def index_rows(term):
    """The service ids whose rows in the database's full-text index hold `term` (read from the
    index itself, not through the published list)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM catalogue_searchdocument_fts WHERE catalogue_searchdocument_fts MATCH %s",
                ['"' + term + '"'],
            )
        else:
            cursor.execute(
                "SELECT service_id FROM catalogue_searchdocument WHERE document @@ %s::tsquery", ["'" + term + "'"]
            )
        return sorted(row[0] for row in cursor.fetchall())


def test_a_deleted_or_unpublished_service_leaves_the_index(service):
    other = make_service(name_en="Passport photo", name_zh="护照照片")
    search.flush()
    assert index_rows("passport") == sorted([service.pk, other.pk])
    service.published = False
    service.save()
    search.flush()  # what the commit does; the search page does it too
    # The index table itself, not the published list (which hides the row anyway).
    assert set(SearchDocument.objects.values_list("service_id", flat=True)) == {other.pk}
    assert index_rows("passport") == [other.pk]
    assert found("passport") == [other.pk]
    other.delete()
    search.flush()
    assert not SearchDocument.objects.exists()
    assert index_rows("passport") == []
    assert found("passport") == []


def test_a_service_published_again_is_found_again(service):
    Service.objects.filter(pk=service.pk).update(published=False)  # no signal: the row stays
    assert found("passport") == []  # the query reads the service's published flag
    service.save()
    assert found("passport") == [service.pk]


def test_popularity_changes_reorder_without_reindexing(service):
    # Search keeps each service's popularity and its ranked results per process while the
    # catalogue version is unchanged (as the page cache does): a bulk update() - no signal -
    # says so by bumping the version, as any roll-up of popularity has to for the pages too.
    other = make_service(name_en="Passport photo", name_zh="护照照片", popularity=10)
    Service.objects.filter(pk=service.pk).update(popularity=1)
    Service.objects.filter(pk=other.pk).update(popularity=5)
    cache.bump_version()
    assert found("passport photo")[0] == other.pk
    Service.objects.filter(pk=service.pk).update(popularity=1000)
    cache.bump_version()
    assert found("passport") == [service.pk, other.pk]


def test_rebuild_search_index_writes_every_published_service(service):
    make_service(name_en="Hidden", published=False)
    search.flush()
    SearchDocument.objects.all().delete()
    assert found("passport") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "1 services" in out.getvalue()
    assert found("passport") == [service.pk]
    assert SearchDocument.objects.count() == 1


def test_the_database_has_its_own_full_text_index():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'catalogue_searchdocument_fts'")
            assert cursor.fetchone()
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalogue_searchdocument_document_gin'")
            assert "gin" in cursor.fetchone()[0]


def test_the_index_rows_hold_segmented_folded_and_pinyin_terms():
    made = make_service(
        name_zh="机动车驾驶证换领",
        name_en="Driving licences renewal",
        keywords_zh="驾照",
        summary_zh="",
        summary_en="Centers",
    )
    search.flush()
    row = SearchDocument.objects.get(service=made)
    names = row.name_terms.split()
    assert {"机动车", "驾驶证", "换", "领", "jiashizheng", "jsz", "licenc", "renew"} <= set(names)
    assert {"驾照", "jiazhao", "jz"} <= set(row.keyword_terms.split())
    assert row.summary_terms.split() == ["centr"]
    assert row.title == "机动车驾驶证换领\ndriving licences renewal"
