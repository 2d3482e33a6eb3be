"""Open data over the demo city: every dataset's files are read whole from real data, agree with
their schema and with each other, and the page that describes them costs a bounded number of
queries."""

import csv
import io
import json

import pytest

from services.insights import opendata

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("slug", list(opendata.DATASETS))
def test_the_demo_citys_files_follow_their_schema(client, demo_city, slug):
    dataset = opendata.DATASETS[slug]
    data = json.loads(body(client.get(f"/open-data/v1/{slug}.json")))
    table = list(csv.reader(io.StringIO(body(client.get(f"/open-data/v1/{slug}.csv")).removeprefix("\ufeff"))))
    assert table[0] == dataset.names == [f["name"] for f in data["fields"]]
    assert data["row_count"] == len(data["rows"]) == len(table) - 1
    if slug != "daily-figures":  # the demo's history may or may not have been rolled up
        assert data["rows"], slug
    for row, cells in zip(data["rows"], table[1:], strict=True):
        assert cells == [opendata.csv_cell(v) for v in row.values()]
        for column in dataset.columns:
            if column.codes and row[column.name] is not None:
                assert row[column.name] in dict(column.codes), (column.name, row[column.name])


def test_the_page_over_the_demo_city(client, demo_city, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        page = client.get("/en/open-data/").content.decode()
    assert page.count('class="dataset"') == len(opendata.DATASETS)
