"""The front door: one call runs the whole flow for a job description and a resume."""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypedDict, overload

from jdmatch.aggregating import MultiReport, combine, iter_postings, listed_companies
from jdmatch.caches import BoundedCache, bounded_cache
from jdmatch.coverage import Coverage, compute_coverage
from jdmatch.errors import (
    DocumentError,
    Interval,
    LimitError,
    NoConceptsError,
    Options,
    check_parameter,
    invalid_parameter,
)
from jdmatch.facts import Facts, read_facts
from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.limits import time_limit
from jdmatch.loading import Document, Limits, Source, load, source_name
from jdmatch.matching import Mention, match_texts, pipeline_for
from jdmatch.pillars import category_coverage, pillar_coverage, role_weights
from jdmatch.planning import content_words, rank_study_items, summarize_fit
from jdmatch.priority import (
    AskSignals,
    ProbeModel,
    RoleCentrality,
    ask_features,
    load_centrality,
    load_probe_model,
    probe_scores,
    quote_lines,
    read_asks,
)
from jdmatch.reporting import Report
from jdmatch.structure import (
    ROLE_FAMILIES,
    SENIORITIES,
    JobStructure,
    Layout,
    read_job,
    read_resume,
)
from jdmatch.weighting import ConceptTfidf

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language


def analyze(
    jd: Source,
    resume: Source,
    *,
    lexicon: Lexicon | None = None,
    tfidf: ConceptTfidf | None = None,
    limits: Limits | None = None,
    role: str | None = None,
    seniority: str | None = None,
) -> Report:
    """Score how well a resume covers a job description and rank what to study.

    Args:
        jd: The job description: a path (``.pdf``, ``.docx``, ``.txt``, ``.md``, ``.html``),
            its text, or a :class:`~jdmatch.loading.Document`.
        resume: The resume, in any of the same forms.
        lexicon: The concept lexicon; ``None`` uses the shipped one.
        tfidf: Fitted TF-IDF weights over ``lexicon`` (e.g. ``ConceptTfidf().fit(my_jds)``);
            ``None`` uses the statistics of the shipped reference postings.
        limits: Bounds on document size, pages and parsing time (see
            :class:`~jdmatch.loading.Limits`); ``None`` uses the defaults.
        role: Role family to weigh the study priorities for (one of
            :data:`~jdmatch.structure.ROLE_FAMILIES`); ``None`` detects it from the JD.
        seniority: Seniority (one of :data:`~jdmatch.structure.SENIORITIES`); ``None``
            detects it from the JD's title and the years it asks for.

    Returns:
        The score, pillar coverage, matched concepts, gaps and ranked study plan.

    Raises:
        DocumentError: A document cannot be read (a subclass says why).
        NoConceptsError: The job description names no concept of the lexicon.
        InvalidParameterError: ``tfidf`` was fitted on another lexicon.

    Example:
        >>> report = analyze("ML engineer: PyTorch, Kubernetes, A/B testing.", "PyTorch, SQL")
        >>> report.study_plan.loc[0, "status"]
        'gap'
    """
    analyzer = Analyzer(lexicon=lexicon, tfidf=tfidf, limits=limits, role=role, seniority=seniority)
    return analyzer.analyze(jd, resume)


class Row(TypedDict):
    """A compact result row of :meth:`Analyzer.pipe` with ``as_rows=True``.

    A pair that cannot be scored has ``score``, ``role``, ``seniority``, ``matched`` and
    ``gaps`` ``None``, and ``error`` names the side that failed (``"jd: ..."`` or
    ``"resume: ..."``), with that document's source under ``jd_source`` or ``resume_source``.
    """

    jd_source: str
    resume_source: str
    score: float | None
    role: str | None
    seniority: str | None
    matched: int | None
    gaps: int | None
    error: str


#: Keys of the compact rows that :meth:`Analyzer.pipe` yields with ``as_rows=True``.
ROW_KEYS: tuple[str, ...] = tuple(Row.__annotations__)


@dataclass(frozen=True)
class _Failure:
    """A pair that could not be scored: which side failed, why, and the other side's source."""

    side: Literal["jd", "resume"]
    error: DocumentError
    other_source: str = ""

    def row(self) -> Row:
        sources = {self.side: self.error.source, _other(self.side): self.other_source}
        return {
            "jd_source": sources["jd"], "resume_source": sources["resume"], "score": None,
            "role": None, "seniority": None, "matched": None, "gaps": None,
            "error": f"{self.side}: {self.error}",
        }  # fmt: skip


def _other(side: Literal["jd", "resume"]) -> Literal["jd", "resume"]:
    return "resume" if side == "jd" else "jd"


class Analyzer:
    """Analyse many pairs with one configuration: lexicon, TF-IDF, limits, role.

    Args:
        lexicon: The concept lexicon; ``None`` uses the shipped one.
        tfidf: Fitted TF-IDF weights over ``lexicon``; ``None`` uses the reference statistics.
        limits: Bounds on document size, pages and time; ``None`` uses the defaults.
        role: Role family for every pair; ``None`` detects it per job description.
        seniority: Seniority for every pair; ``None`` detects it per job description.

    Example:
        >>> analyzer = Analyzer()
        >>> rows = analyzer.pipe([("Kafka and SQL", "SQL"), ("PyTorch", "PyTorch")], as_rows=True)
        >>> [row["matched"] for row in rows]
        [1, 1]
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        tfidf: ConceptTfidf | None = None,
        limits: Limits | None = None,
        role: str | None = None,
        seniority: str | None = None,
    ) -> None:
        check_parameter(role, "role", "analyze", Options(tuple(ROLE_FAMILIES)), None)
        check_parameter(seniority, "seniority", "analyze", Options(tuple(SENIORITIES)), None)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        if tfidf is None:
            tfidf = _reference_tfidf(self.lexicon)
        elif (
            tfidf.lexicon is not self.lexicon
            and tfidf.lexicon.fingerprint != self.lexicon.fingerprint
        ):
            raise invalid_parameter(
                "tfidf", "analyze", "fitted on the same lexicon as 'lexicon'", tfidf.lexicon.path
            )
        self.tfidf = tfidf
        self.limits = limits
        self.role = role
        self.seniority = seniority
        self.probe_model: ProbeModel = load_probe_model()
        self.centrality: RoleCentrality = load_centrality()
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline this analyzer matches with (built on first use).

        It is the shared pipeline of its lexicon (see :func:`jdmatch.matching.pipeline_for`),
        renewed once its vocabulary outgrows
        :data:`~jdmatch.matching.RENEW_AFTER_LEXEMES` words.
        """
        self._nlp = pipeline_for(self.lexicon, current=self._nlp)
        return self._nlp

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes without its pipeline: each builds its own.
        return {**self.__dict__, "_nlp": None}

    def analyze(self, jd: Source, resume: Source) -> Report:
        """Analyse one pair; see :func:`jdmatch.analyze`.

        Args:
            jd: The job description (path, text or document).
            resume: The resume (path, text or document).

        Returns:
            The report.
        """
        # One clock for the whole call: reading both, matching and every step of the analysis.
        with time_limit(self.limits, source=source_name(jd), doing=_PAIR, call="analyze"):
            jd_document = load(jd, limits=self.limits)
            resume_document = load(resume, limits=self.limits)
            jd_mentions, resume_mentions = match_texts(self.nlp, [jd_document, resume_document])
            return self._report(jd_document, resume_document, jd_mentions, resume_mentions)

    @overload
    def pipe(
        self,
        pairs: Iterable[tuple[Source, Source]],
        *,
        batch_size: int = ...,
        as_rows: Literal[False] = ...,
        n_process: int = ...,
    ) -> Iterator[Report]: ...

    @overload
    def pipe(
        self,
        pairs: Iterable[tuple[Source, Source]],
        *,
        batch_size: int = ...,
        as_rows: Literal[True],
        n_process: int = ...,
    ) -> Iterator[Row]: ...

    @overload
    def pipe(
        self,
        pairs: Iterable[tuple[Source, Source]],
        *,
        batch_size: int = ...,
        as_rows: bool,
        n_process: int = ...,
    ) -> Iterator[Report | Row]: ...

    def pipe(
        self,
        pairs: Iterable[tuple[Source, Source]],
        *,
        batch_size: int = 64,
        as_rows: bool = False,
        n_process: int = 1,
    ) -> Iterator[Report | Row]:
        """Stream analyses of ``(jd, resume)`` pairs, spaCy ``Language.pipe`` style.

        Pairs are read, matched and reported a batch at a time, so a long stream is never held
        in memory at once.

        Args:
            pairs: ``(jd, resume)`` pairs of paths, texts or documents; consumed lazily.
            batch_size: Pairs matched together (and sent to a worker process together).
            as_rows: Yield compact :class:`Row` dicts (keys :data:`ROW_KEYS`; a pair that
                cannot be read gets ``score`` ``None``, the failing document's source under
                ``jd_source`` or ``resume_source`` and the reason, prefixed ``"jd: "`` or
                ``"resume: "``, in ``error``) instead of reports, which skips building each
                study plan.
            n_process: Worker processes; ``-1`` uses one per CPU. Each worker builds its own
                pipeline (about a second), so more than one pays off from a few hundred pairs.
                Results still come in input order.

        Yields:
            One :class:`~jdmatch.Report` (or row) per pair, in order. In report mode a pair
            that cannot be read raises its :class:`~jdmatch.JdmatchError`.

        Example:
            >>> pairs = [("Kafka and SQL", "SQL")] * 3
            >>> [row["matched"] for row in Analyzer().pipe(pairs, as_rows=True, n_process=2)]
            [1, 1, 1]
        """
        for result in self._results(
            pairs, batch_size=batch_size, as_rows=as_rows, n_process=n_process
        ):
            if isinstance(result, _Failure):
                if not as_rows:
                    raise result.error
                yield result.row()
            else:
                yield result

    def _results(
        self,
        pairs: Iterable[tuple[Source, Source]],
        *,
        batch_size: int,
        as_rows: bool,
        n_process: int,
    ) -> Iterator[Report | Row | _Failure]:
        """What :meth:`pipe` streams, with a :class:`_Failure` in place of each failed pair."""
        check_parameter(batch_size, "batch_size", "Analyzer.pipe", Interval(int, 1, None))
        check_parameter(
            n_process, "n_process", "Analyzer.pipe", Options((-1,)), Interval(int, 1, None)
        )
        processes = (os.cpu_count() or 1) if n_process == -1 else n_process
        iterator = iter(pairs)
        batches = iter(lambda: list(itertools.islice(iterator, batch_size)), [])
        if processes == 1:
            for batch in batches:
                yield from self._batch(batch, as_rows=as_rows)
            return
        for results in _in_workers(self, batches, as_rows=as_rows, processes=processes):
            yield from results

    def _batch(
        self, batch: list[tuple[Source, Source]], *, as_rows: bool
    ) -> Iterator[Report | Row | _Failure]:
        documents: list[tuple[Document, Document] | _Failure] = []
        for jd, resume in batch:
            try:
                jd_document = load(jd, limits=self.limits)
            except DocumentError as exc:
                documents.append(_Failure("jd", exc))
                continue
            try:
                documents.append((jd_document, load(resume, limits=self.limits)))
            except DocumentError as exc:
                documents.append(_Failure("resume", exc, other_source=jd_document.source))
        readable = [pair for pair in documents if isinstance(pair, tuple)]
        texts = [document for pair in readable for document in pair]
        mentions = iter(match_texts(self.nlp, texts))
        for item in documents:
            if isinstance(item, _Failure):
                yield item
                continue
            jd_mentions, resume_mentions = next(mentions), next(mentions)
            result: Report | Row
            try:
                with time_limit(
                    self.limits, source=item[0].source, doing="analysing the pair", call="analyze"
                ):
                    if as_rows:
                        result = self._row(*item, jd_mentions, resume_mentions)
                    else:
                        result = self._report(*item, jd_mentions, resume_mentions)
            except DocumentError as exc:
                # NoConceptsError, about the JD; a resume error would name the resume's source.
                # A time limit here is the pair's analysis, which names the JD.
                jd_side = isinstance(exc, (NoConceptsError, LimitError)) or (
                    exc.source != item[1].source
                )
                if jd_side:
                    yield _Failure("jd", exc, other_source=item[1].source)
                else:
                    yield _Failure("resume", exc, other_source=item[0].source)
            else:
                yield result  # outside the time limit, which must not cover the caller's code

    def _coverage(
        self,
        jd_document: Document,
        resume_document: Document,
        jd_mentions: list[Mention],
        resume_mentions: list[Mention],
    ) -> _Reading:
        if not jd_mentions:
            raise NoConceptsError(
                "found no skill or technology of the lexicon in the job description; check "
                "that it is a job posting, or pass lexicon= with your own concepts",
                source=jd_document.source,
            )
        layouts = Layout(jd_document.text), Layout(resume_document.text)
        job = read_job(jd_document.text, jd_mentions, layout=layouts[0])
        role, seniority = self.role or job.role, self.seniority or job.seniority
        weights = role_weights(role, seniority)
        # The probe is read before coverage: the score weighs each concept by it.
        signals = read_asks(
            jd_document.text, jd_mentions, levels=job.mention_levels, layout=layouts[0]
        )
        features = ask_features(
            signals,
            job=job,
            role=role,
            lexicon=self.lexicon,
            tfidf=self.tfidf,
            centrality=self.centrality,
            pillar_weights=weights,
        )
        probe = probe_scores(features, self.probe_model, role=role)
        facts = read_facts(jd_document.text, job, resume_document.text, resume_mentions)
        coverage = compute_coverage(
            jd_mentions,
            resume_mentions,
            tfidf=self.tfidf,
            lexicon=self.lexicon,
            job=job,
            resume=read_resume(resume_document.text, resume_mentions, layout=layouts[1]),
            probe=probe,
            title_match=facts.title_match,
        )
        return _Reading(coverage, job, role, seniority, weights, signals, probe, facts)

    def _row(
        self,
        jd_document: Document,
        resume_document: Document,
        jd_mentions: list[Mention],
        resume_mentions: list[Mention],
    ) -> Row:
        read = self._coverage(jd_document, resume_document, jd_mentions, resume_mentions)
        matched = sum(item.matched for item in read.coverage.concepts)
        return {
            "jd_source": jd_document.source,
            "resume_source": resume_document.source,
            "score": read.coverage.score,
            "role": read.role,
            "seniority": read.seniority,
            "matched": matched,
            "gaps": len(read.coverage.concepts) - matched,
            "error": "",
        }

    def _report(
        self,
        jd_document: Document,
        resume_document: Document,
        jd_mentions: list[Mention],
        resume_mentions: list[Mention],
    ) -> Report:
        read = self._coverage(jd_document, resume_document, jd_mentions, resume_mentions)
        coverage, levels = read.coverage, read.job.mention_levels
        plan = rank_study_items(
            coverage,
            lexicon=self.lexicon,
            pillar_weights=read.weights,
            probe=read.probe,
            options={term: signal.options for term, signal in read.signals.items()},
            quotes=quote_lines(jd_document.text, jd_mentions, levels=levels),
            # Only the posting's concepts are quoted from the resume.
            resume_quotes=quote_lines(
                resume_document.text, [m for m in resume_mentions if m.term in read.signals]
            ),
            posting_words=content_words(jd_document.text),
            facts=read.facts,
        )
        return Report(
            score=coverage.score,
            pillar_coverage=pillar_coverage(coverage),
            category_coverage=category_coverage(coverage),
            matched=tuple(item for item in coverage.concepts if item.matched),
            gaps=tuple(item for item in coverage.concepts if not item.matched),
            plan=plan,
            jd_source=jd_document.source,
            resume_source=resume_document.source,
            role=read.role,
            seniority=read.seniority,
            jd_text=jd_document.text,
            jd_mentions=tuple(jd_mentions),
            lexicon=self.lexicon,
            resume_text=resume_document.text,
            resume_mentions=tuple(resume_mentions),
            fit=summarize_fit(coverage, read.facts),
        )


class _Reading(NamedTuple):
    """What one pair's reading gives the report: coverage and what the plan reuses."""

    coverage: Coverage
    job: JobStructure
    role: str
    seniority: str
    weights: Mapping[str, float]
    signals: Mapping[str, AskSignals]
    probe: dict[str, float]
    facts: Facts


_PAIR = "reading and analysing the pair"


def _in_workers(
    analyzer: Analyzer,
    batches: Iterator[list[tuple[Source, Source]]],
    *,
    as_rows: bool,
    processes: int,
) -> Iterator[list[Report | Row | _Failure]]:
    """Analyse batches in worker processes, yielding each batch's results in input order.

    At most two batches per worker are in flight, so a long stream is read as it is consumed.
    """
    from concurrent.futures import Future, ProcessPoolExecutor

    with ProcessPoolExecutor(processes, initializer=_start_worker, initargs=(analyzer,)) as pool:
        in_flight: collections.deque[Future[list[Report | Row | _Failure]]] = collections.deque()
        for batch in itertools.islice(batches, 2 * processes):
            in_flight.append(pool.submit(_worker_batch, batch, as_rows))
        while in_flight:
            results = in_flight.popleft().result()
            for batch in itertools.islice(batches, 1):
                in_flight.append(pool.submit(_worker_batch, batch, as_rows))
            yield results


_WORKER_ANALYZER: list[Analyzer] = []


def _start_worker(analyzer: Analyzer) -> None:
    _WORKER_ANALYZER[:] = [analyzer]


def _worker_batch(
    batch: list[tuple[Source, Source]], as_rows: bool
) -> list[Report | Row | _Failure]:
    # Failures come back in place (pickled); the parent raises or reports them in order.
    return list(_WORKER_ANALYZER[0]._batch(batch, as_rows=as_rows))


def score_frame(
    frame: pd.DataFrame, jd_col: str, resume_col: str, *, analyzer: Analyzer | None = None
) -> pd.DataFrame:
    """Score every row of a DataFrame that holds job descriptions and resumes.

    Args:
        frame: The data; ``jd_col`` and ``resume_col`` hold texts or paths.
        jd_col: Column of job descriptions.
        resume_col: Column of resumes.
        analyzer: The configuration to use; ``None`` uses the defaults.

    Returns:
        A DataFrame with the same index and the columns ``score, role, seniority, matched,
        gaps, error`` (``score`` is missing and ``error`` says why for unreadable rows).

    Example:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"jd": ["Kafka and SQL", "PyTorch"], "cv": ["SQL", "PyTorch"]})
        >>> score_frame(frame, "jd", "cv")["matched"].tolist()
        [1, 1]
    """
    import pandas as pd

    for name, column in (("jd_col", jd_col), ("resume_col", resume_col)):
        if column not in frame.columns:
            raise invalid_parameter(
                name, "score_frame", f"a column of the frame {list(frame.columns)}", column
            )
    analyzer = analyzer or Analyzer()
    pairs = zip(
        _sources(frame, jd_col), _sources(frame, resume_col), strict=True
    )  # a missing cell (NaN, None) becomes an empty document: an error on its row only
    rows = list(analyzer.pipe(pairs, as_rows=True))
    columns = ["score", "role", "seniority", "matched", "gaps", "error"]
    result: pd.DataFrame = pd.DataFrame(rows, index=frame.index, columns=columns)
    return result


def _sources(frame: pd.DataFrame, column: str) -> list[Source]:
    return [
        cell
        if isinstance(cell, (str, os.PathLike, Document))
        else Document(text="", source=f"{column}[{index!r}] (not a text: {cell!r})")
        for index, cell in zip(frame.index, frame[column].tolist(), strict=True)
    ]


#: Reference weights by the content of their lexicon; see :mod:`jdmatch.caches`.
_REFERENCE: BoundedCache[str, ConceptTfidf] = bounded_cache("reference_tfidf", maxsize=8)


def _reference_tfidf(lexicon: Lexicon) -> ConceptTfidf:
    # Building the IDF vector is cheap but not free; keep one per lexicon content.
    return _REFERENCE.get_or_build(
        lexicon.source_digest, lambda: ConceptTfidf.reference(lexicon=lexicon)
    )


#: Postings :func:`analyze_many` matches together.
_MANY_BATCH = 16


def analyze_many(
    jds: Iterable[Source] | str | os.PathLike[str],
    resume: Source,
    *,
    column: str = "description",
    lexicon: Lexicon | None = None,
    tfidf: ConceptTfidf | None = None,
    limits: Limits | None = None,
    progress: Callable[[Iterable[Source]], Iterable[Source]] | None = None,
) -> MultiReport:
    """Score one resume against many job descriptions and pool what to study.

    Args:
        jds: The postings: a folder, a ``.csv`` file (see ``column``), or an iterable of paths,
            texts or documents (see :func:`~jdmatch.aggregating.iter_postings`).
        resume: The resume: a path, its text, or a document.
        column: CSV column holding the posting text.
        lexicon: The concept lexicon; ``None`` uses the shipped one.
        tfidf: Fitted TF-IDF weights; ``None`` uses the shipped reference statistics.
        limits: Bounds on document size, pages and time.
        progress: Wraps the stream of postings, e.g. a progress bar (the CLI passes one).

    Returns:
        The ranking, the pooled study plan and the per-posting reports. Postings that cannot
        be read or name no concept are listed in ``skipped`` with the reason, not dropped.

    Raises:
        JdmatchError: The resume cannot be read, or no posting could be scored.

    Example:
        >>> many = analyze_many(["Kafka, Flink and Python", "Kafka and SQL"], "Python and SQL")
        >>> many.study_plan.loc[0, "term"], int(many.study_plan.loc[0, "missing_in"])
        ('apache_kafka', 2)
    """
    analyzer = Analyzer(lexicon=lexicon, tfidf=tfidf, limits=limits)
    resume_document = load(resume, limits=limits)
    postings = iter_postings(jds, column=column)
    pairs = ((posting, resume_document) for posting in (progress or iter)(postings))
    reports: list[Report] = []
    skipped: list[tuple[str, str]] = []
    # The stream of Analyzer.pipe, with each failed posting kept as (source, reason).
    for result in analyzer._results(pairs, batch_size=_MANY_BATCH, as_rows=False, n_process=1):
        if isinstance(result, _Failure):
            skipped.append((result.error.source, str(result.error)))
        elif isinstance(result, Report):
            reports.append(result)
    if not reports:
        reason = skipped[0][1] if skipped else "no postings were given"
        raise invalid_parameter("jds", "analyze_many", "at least one readable posting", reason)
    return combine(
        reports,
        resume_source=resume_document.source,
        skipped=skipped,
        lexicon=lexicon,
        companies=listed_companies(jds),
    )
