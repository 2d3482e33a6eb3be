"""The officers' CSV export follows the portal's one rule for spreadsheet cells
(services/lib/spreadsheet.py), as the digital-life export and the open-data files do: a cell
starting with = + - @, a tab or a carriage return is shown as text."""

import csv
import io

import pytest

from tests.makers import make_submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def export(client, world):
    client.force_login(world["officer"])
    response = client.get("/admin/applications/application/export/", {"status": "submitted"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body, newline="")))


@pytest.mark.parametrize("name", ["\t=1+1", "\r@SUM(A1:A9)", "=HYPERLINK(1)", "+cmd", "-2+3"])
def test_a_formula_in_a_cell_is_shown_as_text(client, world, name):
    make_submitted(world["permit"], applicant_name=name)
    (row,) = export(client, world)
    assert row["applicant"] == "'" + name


def test_plain_names_are_left_as_they_are(client, world):
    make_submitted(world["permit"], applicant_name="Zhang Wei")
    (row,) = export(client, world)
    assert row["applicant"] == "Zhang Wei"
