"""Many postings at once, and the week-by-week schedule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import jdmatch
from jdmatch.aggregating import COMBINED_PLAN_COLUMNS, RANKING_COLUMNS, listed_companies
from jdmatch.scheduling import MOCK_INTERVIEW_HOURS, PILLAR_ORDER

POSTINGS = [
    "ML Engineer\nRequirements\nKafka, Flink and Python. Kubernetes.",
    "Data Scientist\nRequirements\nKafka, SQL and statistics.",
    "Research Scientist\nRequirements\nPyTorch, transformers and attention. Kafka is a plus.",
    "Data Engineer\nRequirements\nSpark SQL, Airflow and Kafka.",
]
RESUME = "Skills\nPython, SQL\nExperience\n- Built PyTorch models; cut cost 20% with Airflow."


@pytest.fixture(scope="module")
def many():
    return jdmatch.analyze_many(POSTINGS, RESUME)


def test_ranking_is_by_score(many):
    ranking = many.ranking
    assert tuple(ranking.columns) == RANKING_COLUMNS
    assert list(ranking["score"]) == sorted(ranking["score"], reverse=True)
    assert list(ranking["rank"]) == [1, 2, 3, 4]
    assert [r.score for r in many.reports] == list(ranking["score"])
    assert ranking["why"].str.startswith("covers ").all()


def test_pooled_priority_is_the_sum_over_postings(many):
    plan = many.study_plan.set_index("term")
    assert tuple(many.study_plan.columns) == COMBINED_PLAN_COLUMNS
    per_posting = {}
    for report in many.reports:
        # Each posting adds probe * (1 - evidence) = priority / 100 * its top probe.
        top_probe = report.study_plan["probe"].max()
        for row in report.study_plan.itertuples():
            need = row.priority / 100 * top_probe
            per_posting[row.term] = per_posting.get(row.term, 0.0) + need
    top = max(per_posting.values())
    for term, total in per_posting.items():
        assert plan.loc[term, "priority"] == pytest.approx(100 * total / top, abs=0.11)
    kafka = plan.loc["apache_kafka"]
    assert (kafka.postings, kafka.missing_in, kafka.required_in) == (4, 4, 3)
    assert many.study_plan.iloc[0].term == "apache_kafka"  # missing in 4 of 4 beats once


def test_folder_and_csv_inputs(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    for number, text in enumerate(POSTINGS):
        (folder / f"posting{number}.txt").write_text(text)
    (folder / "notes.odt").write_text("ignored: not a posting format")
    from_folder = jdmatch.analyze_many(folder, RESUME)
    assert len(from_folder.reports) == 4
    table = tmp_path / "postings.csv"
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "description"])
        writer.writeheader()
        for text in POSTINGS:
            title, body = text.split("\n", 1)
            writer.writerow({"title": title, "description": body})
    from_csv = jdmatch.analyze_many(table, RESUME, column="description")
    assert sorted(from_csv.ranking["score"]) == sorted(from_folder.ranking["score"])
    assert set(from_csv.ranking["title"]) == {text.split("\n")[0] for text in POSTINGS}
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'column' parameter"):
        jdmatch.analyze_many(table, RESUME, column="body")


def test_ranking_company_comes_from_the_csv_column_else_the_posting(tmp_path):
    table = tmp_path / "postings.csv"
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "Company Name", "description"])
        writer.writeheader()
        # Glassdoor's cell holds the company, then its rating on a line of its own.
        writer.writerow(
            {
                "title": "ML Engineer",
                "Company Name": "Contoso\n3.9",
                "description": "About Fabrikam\nKafka, Flink and Python.",
            }
        )
        writer.writerow(
            {
                "title": "Data Scientist",
                "Company Name": "",
                "description": "At Northwind, we rank feeds.\nKafka and SQL.",
            }
        )
        writer.writerow({"title": "Data Engineer", "Company Name": "",
                         "description": "Requirements\nSpark SQL and Airflow."})  # fmt: skip
    many = jdmatch.analyze_many(table, RESUME)
    companies = {row["title"]: row["company"] for row in many.to_dict()["ranking"]}
    assert companies == {
        "ML Engineer": "Contoso",
        "Data Scientist": "Northwind",
        "Data Engineer": None,
    }
    frame = many.ranking.set_index("title")["company"]
    assert frame.isna().to_dict() == {title: name is None for title, name in companies.items()}
    assert listed_companies(table) == {f"{table}#row1": "Contoso"}
    assert listed_companies(tmp_path) == {}


def test_ranking_company_of_texts_is_read_from_their_first_lines(many):
    assert many.ranking["company"].isna().all()  # POSTINGS name no company
    named = jdmatch.analyze_many(
        ["ML Engineer\nZephyr Health is hiring.\nKafka and Python.", POSTINGS[1]], RESUME
    )
    companies = {row["title"]: row["company"] for row in named.to_dict()["ranking"]}
    assert companies == {"ML Engineer": "Zephyr Health", "Data Scientist": None}


def test_unreadable_postings_are_skipped_with_a_reason(tmp_path):
    many = jdmatch.analyze_many([*POSTINGS[:2], "We sell garden furniture."], RESUME)
    assert len(many.reports) == 2
    assert "no skill or technology" in many.skipped[0][1]
    with pytest.raises(jdmatch.InvalidParameterError, match="at least one readable posting"):
        jdmatch.analyze_many(["We sell garden furniture."], RESUME)
    with pytest.raises(jdmatch.DocumentNotFoundError):
        jdmatch.analyze_many(tmp_path / "missing-folder", RESUME)


def test_exporters(many):
    data = many.to_dict(top=3)
    assert data["kind"] == "many"
    assert len(data["study_plan"]) == 3
    assert len(data["ranking"]) == 3  # top cuts the ranking too, as in every format
    assert len(many.to_dict()["ranking"]) == 4
    assert many.to_markdown(top=2).startswith("# One resume against 4 postings")
    assert '"kind": "many"' in many.to_json()


@pytest.mark.parametrize(("weeks", "hours"), [(1, 2), (2, 5), (8, 10), (12, 15)])
def test_schedule_invariants(many, weeks, hours):
    schedule = many.schedule(weeks=weeks, hours_per_week=hours)
    placed = [item.term for week in schedule.weeks for item in week.items]
    unscheduled = [item.term for item in schedule.unscheduled]
    plan_terms = list(many.study_plan["term"])
    concept_terms = [t for t in placed if t != "mock_interviews"]
    assert sorted(concept_terms + unscheduled) == sorted(plan_terms)  # each exactly once
    assert len(schedule.weeks) == weeks
    for week in schedule.weeks:
        assert week.hours <= hours + 1e-9
        assert week.hours == pytest.approx(sum(item.hours for item in week.items))
    lexicon = jdmatch.load_lexicon()
    position = {term: index for index, term in enumerate(placed)}
    for term in concept_terms:
        for ancestor in lexicon.ancestors[term]:
            if ancestor in position:
                assert position[ancestor] < position[term], (ancestor, term)
    technical = [i.pillar for w in schedule.weeks for i in w.items if i.pillar != "behavioural"]
    orders = [PILLAR_ORDER.index(pillar) for pillar in technical]
    assert orders == sorted(orders)  # foundations … system design
    if weeks > 1:
        last = schedule.weeks[-1].items
        assert any(i.term == "mock_interviews" and i.hours <= MOCK_INTERVIEW_HOURS for i in last)


def test_behavioural_story_every_week():
    jd = (
        "Requirements\nCommunication, stakeholder management, mentoring, leadership, "
        "collaboration. Python, statistics, Kubernetes, PyTorch."
    )
    schedule = jdmatch.analyze(jd, "SQL").schedule(weeks=4, hours_per_week=6)
    for week in schedule.weeks:
        assert week.items[0].pillar == "behavioural"


def test_schedule_parameters_are_validated(many):
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'weeks' parameter of schedule"):
        many.schedule(weeks=0)
    with pytest.raises(jdmatch.InvalidParameterError, match="The 'hours_per_week' parameter"):
        many.schedule(hours_per_week=1)


def test_schedule_frame(many):
    frame = many.schedule(weeks=3, hours_per_week=8).to_frame()
    assert list(frame.columns) == ["week", "term", "label", "pillar", "hours", "prompt"]
    assert set(frame["week"]) <= {1, 2, 3}


def test_real_postings_csv_when_present():
    corpus = (
        Path(__file__).resolve().parents[2]
        / "shared/corpora/jobs-aiml-linkedin/ai_ml_jobs_linkedin.dedup.csv"
    )
    if not corpus.exists():
        pytest.skip("the shared corpora are not on this machine")
    many = jdmatch.analyze_many(corpus, RESUME)
    assert len(many.reports) + len(many.skipped) == 554


def test_many_html_page_is_self_contained_and_escaped():
    hostile = "<script>alert(1)</script> ML Engineer\nRequirements\nKafka and Flink."
    page = jdmatch.analyze_many([hostile, *POSTINGS[:2]], RESUME).to_html(weeks=2)
    assert page.startswith("<!DOCTYPE html>")
    for block in ('id="ranking"', 'id="study-plan"', 'id="schedule"'):
        assert block in page
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page
    assert "https://" not in page


def test_plan_rows_take_the_same_top_on_both_result_types():
    jds = ["Kafka, Flink and Python", "Kafka and SQL"]
    many = jdmatch.analyze_many(jds, "Python and SQL")
    assert many.plan_rows(1) == many.plan_rows()[:1]
    for result in (many, many.reports[0]):
        with pytest.raises(jdmatch.InvalidParameterError, match="The 'top' parameter of plan_rows"):
            result.plan_rows(0)
