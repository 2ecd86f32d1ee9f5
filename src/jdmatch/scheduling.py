"""Step 7b of the flow: turn the ranked study plan into a week-by-week schedule.

The schedule follows the order in which interview preparation builds up: foundations first,
then deep learning and architectures, system design, and coding practice; a behavioural (STAR)
story is prepared every week while the budget allows, and the final week keeps time for mock
interviews. Within that order a broader concept
always comes before the narrower ones that build on it (gradient boosting before XGBoost).

Effort per concept is the lexicon's ``effort_hours`` when it gives one, else a default by
category (:data:`DEFAULT_EFFORT_HOURS`), scaled down by what the resume already shows: a gap
takes the full effort, a concept to review ``1 - evidence`` of it (see
:data:`jdmatch.planning.EVIDENCE_VALUES`), never less than half an hour. The concepts to study are
chosen to cover as much priority as the budget (weeks × hours per week, less the weekly story and
the mock interviews) holds — a 0/1 knapsack over effort hours, so a short budget studies the top
gaps rather than whatever comes first — then put in study order; rows of priority 0 (already
shown in the resume) are never scheduled. What is not scheduled is listed as ``unscheduled``,
so every row of the plan ends up exactly once in one of the two.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from jdmatch.errors import Interval, check_parameter
from jdmatch.lexicon import Lexicon
from jdmatch.model import MODEL
from jdmatch.planning import EVIDENCE_VALUES

if TYPE_CHECKING:
    import pandas as pd

#: Study hours per concept when the lexicon gives none, by category (from
#: :data:`jdmatch.model.MODEL`).
DEFAULT_EFFORT_HOURS: Mapping[str, float] = MODEL.category_effort_hours
#: The order in which pillars are studied; behavioural runs alongside, every week.
PILLAR_ORDER: tuple[str, ...] = MODEL.pillar_order
#: Hours a week set aside for one behavioural story, and for mock interviews at the end.
STORY_HOURS = MODEL.story_hours
MOCK_INTERVIEW_HOURS = MODEL.mock_interview_hours
#: Largest plan accepted: ten years of weeks, every hour of a week.
MAX_WEEKS = 520
MAX_HOURS_PER_WEEK = 168


@dataclass(frozen=True)
class Defaults:
    """The defaults every exporter, :meth:`Schedulable.schedule` and the CLI share.

    Attributes:
        weeks: Weeks of a schedule.
        hours_per_week: Study hours per week of a schedule.
        top: Rows of the study plan (and ranking) a Markdown export or a terminal table shows.
    """

    weeks: int = 8
    hours_per_week: float = 10.0
    top: int = 15


#: The one place the defaults of ``schedule``, ``to_html``, ``to_markdown`` and the CLI live.
DEFAULTS = Defaults()


@dataclass(frozen=True)
class ScheduledItem:
    """One concept placed in a week.

    Attributes:
        term: Concept id.
        label: Display name.
        pillar: Main pillar.
        hours: Estimated study hours.
        prompt: What to work on.
    """

    term: str
    label: str
    pillar: str
    hours: float
    prompt: str


@dataclass(frozen=True)
class Week:
    """One week of the schedule.

    Attributes:
        number: 1-based week number.
        items: What to study, in order.
        hours: Total planned hours.
        focus: The pillars the week works on, in order of first appearance.
    """

    number: int
    items: tuple[ScheduledItem, ...]
    hours: float
    focus: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    """A week-by-week study schedule.

    Attributes:
        weeks: The weeks, in order.
        hours_per_week: The weekly budget it was made for.
        unscheduled: Concepts of the plan that did not fit the budget, in priority order.
    """

    weeks: tuple[Week, ...]
    hours_per_week: float
    unscheduled: tuple[ScheduledItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the schedule as JSON-ready data.

        Returns:
            ``{"hours_per_week", "weeks": [{"number", "hours", "focus", "items"}], "unscheduled"}``.
        """
        return {
            "hours_per_week": self.hours_per_week,
            "weeks": [
                {
                    "number": week.number,
                    "hours": week.hours,
                    "focus": list(week.focus),
                    "items": [_item_dict(item) for item in week.items],
                }
                for week in self.weeks
            ],
            "unscheduled": [_item_dict(item) for item in self.unscheduled],
        }

    def to_frame(self) -> pd.DataFrame:
        """Return one row per scheduled item.

        Returns:
            A DataFrame with columns ``week, term, label, pillar, hours, prompt``.
        """
        import pandas as pd

        rows = [
            {"week": week.number, **_item_dict(item)} for week in self.weeks for item in week.items
        ]
        columns = ["week", "term", "label", "pillar", "hours", "prompt"]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        return frame


def _item_dict(item: ScheduledItem) -> dict[str, Any]:
    return {
        "term": item.term,
        "label": item.label,
        "pillar": item.pillar,
        "hours": item.hours,
        "prompt": item.prompt,
    }


class Schedulable:
    """Gives a result with a ranked ``study_plan`` and its ``lexicon`` a :meth:`schedule`."""

    lexicon: Lexicon | None

    def plan_rows(self, top: int | None = None) -> list[dict[str, Any]]:
        """Return the ranked study plan's rows; each result type provides it."""
        raise NotImplementedError

    def schedule(
        self, *, weeks: int = DEFAULTS.weeks, hours_per_week: float = DEFAULTS.hours_per_week
    ) -> Schedule:
        """Spread the study plan over weeks (see :mod:`jdmatch.scheduling`).

        Args:
            weeks: Number of weeks, 1 to 520.
            hours_per_week: Study hours per week, 2 to 168.

        Returns:
            The schedule: foundations first, system design and mock interviews last, a
            behavioural story every week.
        """
        from jdmatch.lexicon import load_lexicon

        return make_schedule(
            self.plan_rows(),
            lexicon=self.lexicon or load_lexicon(),
            weeks=weeks,
            hours_per_week=hours_per_week,
        )


def make_schedule(
    plan: pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    lexicon: Lexicon,
    weeks: int = DEFAULTS.weeks,
    hours_per_week: float = DEFAULTS.hours_per_week,
) -> Schedule:
    """Spread a ranked study plan over weeks.

    Args:
        plan: A ranked study plan: a DataFrame from :func:`jdmatch.planning.study_plan`, or
            its rows as mappings (:meth:`jdmatch.Report.plan_rows`); needs the columns
            ``term, evidence, study``.
        lexicon: The lexicon of the plan (effort hours, broader links).
        weeks: Number of weeks, 1 to 520.
        hours_per_week: Study hours per week, 2 to 168.

    Returns:
        The schedule.

    Example:
        >>> import jdmatch
        >>> report = jdmatch.analyze("Statistics, XGBoost, Kubernetes, stakeholders.", "SQL")
        >>> schedule = report.schedule(weeks=2, hours_per_week=8)
        >>> [item.term for item in schedule.weeks[0].items]
        ['stakeholder_management', 'xgboost', 'kubernetes']
    """
    check_parameter(weeks, "weeks", "schedule", Interval(int, 1, MAX_WEEKS))
    check_parameter(  # also refuses NaN
        hours_per_week, "hours_per_week", "schedule", Interval(float, 2, MAX_HOURS_PER_WEEK)
    )
    rows = cast(
        "Sequence[Mapping[str, Any]]",
        plan.to_dict(orient="records") if hasattr(plan, "to_dict") else plan,
    )
    items = [_item(row, lexicon, hours_per_week) for row in rows]
    worth = [float(row.get("priority", 1.0)) for row in rows]
    zero = [item for item, value in zip(items, worth, strict=True) if value <= 0]
    candidates = [(item, value) for item, value in zip(items, worth, strict=True) if value > 0]
    technical = [(item, value) for item, value in candidates if item.pillar != MODEL.story_pillar]
    stories = [item for item, _ in candidates if item.pillar == MODEL.story_pillar][:weeks]
    extra_stories = [item for item, _ in candidates if item.pillar == MODEL.story_pillar][weeks:]
    total = weeks * hours_per_week - (MOCK_INTERVIEW_HOURS if weeks > 1 else 0)
    # Stories take what the top technical gaps leave: at most a third of the budget.
    story_hours = 0.0
    kept_stories: list[ScheduledItem] = []
    for story in stories:
        if story_hours + story.hours <= total / 3:
            kept_stories.append(story)
            story_hours += story.hours
        else:
            extra_stories.append(story)
    chosen_set = _most_priority(technical, budget=total - story_hours)
    fixed, room, no_week = _fixed_items(kept_stories, weeks=weeks, hours_per_week=hours_per_week)
    priority = {id(item): value for item, value in technical}
    chosen = [item for item, _ in technical if id(item) in chosen_set]
    by_week = _pack_in_order(chosen, room, lexicon)
    while by_week is None:
        # The weeks leave the hours in pieces: give up the least urgent choice, not the order.
        chosen.remove(min(chosen, key=lambda item: priority[id(item)]))
        by_week = _pack_in_order(chosen, room, lexicon)
    # Then what the weeks still have room for, most urgent first, wherever the order allows.
    for item, _ in sorted(technical, key=lambda pair: -pair[1]):
        used = [sum(placed.hours for placed in items) for items in by_week]
        spare = max((hours - spent for hours, spent in zip(room, used, strict=True)), default=0.0)
        if item.hours > spare or item in chosen:
            continue
        if packed := _pack_in_order([*chosen, item], room, lexicon):
            chosen.append(item)
            by_week = packed
    left = [item for item, _ in technical if item not in chosen]
    built = tuple(
        _week(number, [*fixed[number - 1], *items]) for number, items in enumerate(by_week, start=1)
    )
    return Schedule(
        weeks=built,
        hours_per_week=hours_per_week,
        unscheduled=(*left, *no_week, *extra_stories, *zero),
    )


def _fixed_items(
    stories: Sequence[ScheduledItem], *, weeks: int, hours_per_week: float
) -> tuple[list[list[ScheduledItem]], list[float], list[ScheduledItem]]:
    """Each week's story and the last week's mock interviews, the hours left, stories left."""
    queue = list(stories)
    fixed: list[list[ScheduledItem]] = []
    room: list[float] = []
    for number in range(1, weeks + 1):
        budget = hours_per_week
        items = []
        if queue and queue[0].hours <= budget:
            items.append(queue.pop(0))
            budget -= items[-1].hours
        if number == weeks and weeks > 1:
            items.append(
                ScheduledItem(
                    term="mock_interviews",
                    label="Mock interviews",
                    pillar="behavioural",
                    hours=min(MOCK_INTERVIEW_HOURS, budget),
                    prompt="Run timed mock interviews (coding, ML design, behavioural) with a "
                    "peer and write down what to fix.",
                )
            )
            budget -= items[-1].hours
        fixed.append(items)
        room.append(budget)
    return fixed, room, queue


def _pack_in_order(
    items: Sequence[ScheduledItem], room: Sequence[float], lexicon: Lexicon
) -> list[list[ScheduledItem]] | None:
    """Each week's items in study order (pillars, then broader before narrower), if all fit."""
    in_study_order = _prerequisites_first(
        sorted(items, key=lambda item: PILLAR_ORDER.index(item.pillar)), lexicon
    )
    by_week, spilled = _in_order(in_study_order, room)
    return None if spilled else by_week


def _in_order(
    items: Sequence[ScheduledItem], room: Sequence[float]
) -> tuple[list[list[ScheduledItem]], list[ScheduledItem]]:
    """Spread items over the weeks in their order; an item that does not fit waits a week.

    Returns each week's items and those that fit no week.
    """
    left_room = list(room)
    by_week: list[list[ScheduledItem]] = [[] for _ in room]
    spilled: list[ScheduledItem] = []
    week = 0
    for item in items:
        while week < len(left_room) and item.hours > left_room[week]:
            week += 1
        if week == len(left_room):
            spilled.append(item)
            week = len(left_room) - 1  # a later, shorter item may still fit the last week
            continue
        by_week[week].append(item)
        left_room[week] -= item.hours
    return by_week, spilled


def _most_priority(items: Sequence[tuple[ScheduledItem, float]], *, budget: float) -> set[int]:
    """Pick the items that cover the most priority within ``budget`` hours (0/1 knapsack).

    Hours are multiples of half an hour, so the table has ``2 * budget`` columns; it is built
    only when not everything fits, which bounds it by the plan's total effort.
    """
    if sum(item.hours for item, _ in items) <= budget:
        return {id(item) for item, _ in items}
    capacity = max(0, int(budget * 2))
    best = [0.0] * (capacity + 1)
    keep: list[list[bool]] = []
    for item, value in items:
        cost = int(item.hours * 2)
        row = [False] * (capacity + 1)
        for room in range(capacity, cost - 1, -1):
            if best[room - cost] + value > best[room]:
                best[room] = best[room - cost] + value
                row[room] = True
        keep.append(row)
    chosen: set[int] = set()
    room = capacity
    for index in range(len(items) - 1, -1, -1):
        if keep[index][room]:
            item = items[index][0]
            chosen.add(id(item))
            room -= int(item.hours * 2)
    return chosen


def _item(row: Mapping[str, Any], lexicon: Lexicon, hours_per_week: float) -> ScheduledItem:
    concept = lexicon[row["term"]]
    effort = concept.effort_hours or DEFAULT_EFFORT_HOURS[concept.category]
    if row["evidence"] == "demonstrated":
        effort *= 1 - EVIDENCE_VALUES["demonstrated"]
    elif row["evidence"] == "listed":
        effort *= 1 - EVIDENCE_VALUES["listed"]
    hours = min(max(0.5, math.ceil(effort * 2) / 2), hours_per_week - STORY_HOURS)
    return ScheduledItem(
        term=concept.id,
        label=concept.label,
        pillar=concept.pillar,
        hours=hours,
        prompt=str(row["study"]),
    )


def _prerequisites_first(items: Sequence[ScheduledItem], lexicon: Lexicon) -> list[ScheduledItem]:
    """Keep the given order, but move every broader concept before its narrower ones."""
    by_term = {item.term: item for item in items}
    placed: list[ScheduledItem] = []
    seen: set[str] = set()

    def place(item: ScheduledItem) -> None:
        if item.term in seen:
            return
        seen.add(item.term)
        for ancestor in sorted(lexicon.ancestors[item.term]):
            if ancestor in by_term:
                place(by_term[ancestor])
        placed.append(item)

    for item in items:
        place(item)
    return placed


def _week(number: int, items: Sequence[ScheduledItem]) -> Week:
    focus: list[str] = []
    for item in items:
        if item.pillar not in focus:
            focus.append(item.pillar)
    return Week(
        number=number,
        items=tuple(items),
        hours=round(sum(item.hours for item in items), 1),
        focus=tuple(focus),
    )
