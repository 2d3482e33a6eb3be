"""The demo's applications as data (services/demo/data/applications.yaml): the offsets its case
scripts are written in, and that every script is one the lifecycle can play."""

import pytest

from services.applications.lifecycle import TRANSITIONS
from services.applications.models import MaterialCheck, Status
from services.demo.applications import CASELOAD, CASELOAD_CITIZENS, DEMO_APPLICATIONS, NOTES, working_days_ago
from services.lib.validators import validate_resident_id


@pytest.mark.parametrize(
    ("offset", "limit", "days"),
    [
        (8, 20, 8),
        ("limit", 5, 5),
        ("limit + 4", 5, 9),
        ("limit - 1", 5, 4),
        ("max(limit - 3, 1) + 2", 2, 3),
        ("max(limit - 3, 1) + 2", 10, 9),
        ("min(limit, 4) + 16", 20, 20),
    ],
)
def test_a_step_offset_is_a_number_or_a_sum_of_the_services_limit(offset, limit, days):
    assert working_days_ago(offset, limit) == days


@pytest.mark.parametrize(
    "offset",
    ["limit * 2", "__import__('os').getcwd()", "open('x')", "limit.real", "1.5", "'3'", "days + 1", "[1][0]"],
)
def test_an_offset_with_anything_else_is_refused_with_the_file_named(offset):
    with pytest.raises(ValueError, match="applications.yaml"):
        working_days_ago(offset, 5)


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 7, 10, 15, 20, 30])
def test_every_case_runs_forward_in_time_whatever_the_services_limit(limit):
    for case in CASELOAD:
        days_ago = [ago for _step, ago in case.steps_for(limit)]
        assert days_ago == sorted(days_ago, reverse=True), (case.case, days_ago)
        assert days_ago[-1] >= 0, case.case


def test_every_case_script_is_made_of_lifecycle_steps_that_lead_to_its_status():
    staff_records = {"assign", "check"}
    for case in CASELOAD:
        status, before = Status.DRAFT, []
        for step in case.steps:
            if step.action in staff_records:
                continue
            transition = TRANSITIONS[step.action]
            assert status in transition.sources, (case.case, step.action, status)
            before.append(status)
            # An empty target: back to the status before the request for information.
            status = transition.target or before[-2]
        assert status == case.status, case.case
        for step in case.steps:
            assert not step.note or step.note in NOTES, (case.case, step.note)
            if step.action == "check":
                assert step.result in MaterialCheck.Result.values, (case.case, step.result)


def test_the_demo_people_have_valid_identity_numbers_and_both_languages_appear():
    for citizen in CASELOAD_CITIZENS:
        validate_resident_id(citizen.id_number)
    assert {citizen.language for citizen in CASELOAD_CITIZENS} == {"zh-hans", "en"}
    assert {demo.state for demo in DEMO_APPLICATIONS} == {"half_draft", "draft", "submitted", "withdrawn"}
