"""One output base for both result types, and one place for the exporters' defaults."""

from __future__ import annotations

import inspect
import json

import pytest

import jdmatch
from jdmatch.cli import build_parser
from jdmatch.reporting import ReportBase
from jdmatch.scheduling import DEFAULTS, Schedulable, make_schedule

JDS = ["ML engineer: PyTorch, Kafka, Kubernetes and SQL.", "Data scientist: SQL, XGBoost, Spark."]
RESUME = "Python and SQL analyst; some PyTorch."


@pytest.fixture(scope="module")
def results():
    return jdmatch.analyze(JDS[0], RESUME), jdmatch.analyze_many(JDS, RESUME)


def test_both_result_types_share_the_exporters(results):
    for result in results:
        assert isinstance(result, ReportBase)
        for name in ("plan_rows", "to_dict", "to_json", "to_markdown", "to_html"):
            assert getattr(type(result), name) is getattr(ReportBase, name)
        assert json.loads(result.to_json(top=2)) == result.to_dict(top=2)
        assert result.to_dict()["schema_version"] == 3
        assert result.to_dict(top=1)["study_plan"] == result.plan_rows(1)
        assert len(result.plan_rows(2)) == 2
        assert result.to_markdown().endswith("\n")
        assert result.to_html().startswith("<!DOCTYPE html>")


def test_each_result_keeps_its_own_fields_in_order(results):
    report, many = results
    assert list(report.to_dict())[-1] == "study_plan"
    assert list(many.to_dict()) == [
        "schema_version", "kind", "resume_source", "ranking", "study_plan", "skipped",
    ]  # fmt: skip


@pytest.mark.parametrize("method", ["plan_rows", "to_dict", "to_json", "to_markdown"])
@pytest.mark.parametrize("top", [0, -1, 1.5, True])
def test_top_is_checked_the_same_way_for_both(results, method, top):
    for result in results:
        call = getattr(result, method)
        with pytest.raises(jdmatch.InvalidParameterError, match="The 'top' parameter of"):
            call(top) if method == "plan_rows" else call(top=top)


def test_one_constant_holds_the_defaults():
    assert (DEFAULTS.weeks, DEFAULTS.hours_per_week, DEFAULTS.top) == (8, 10.0, 15)
    for function in (ReportBase.to_html, Schedulable.schedule, make_schedule):
        parameters = inspect.signature(function).parameters
        assert parameters["weeks"].default == DEFAULTS.weeks
        assert parameters["hours_per_week"].default == DEFAULTS.hours_per_week
    assert inspect.signature(ReportBase.to_markdown).parameters["top"].default == DEFAULTS.top
    for command in (["analyze", "a", "b"], ["plan", "resume"]):
        args = build_parser().parse_args(command)
        assert (args.weeks, args.hours, args.top) == (8, 10, 15)


def test_default_html_uses_the_default_schedule(results):
    for result in results:
        explicit = result.to_html(weeks=DEFAULTS.weeks, hours_per_week=DEFAULTS.hours_per_week)
        assert result.to_html() == explicit
