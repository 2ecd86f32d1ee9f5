"""The front door: one call runs the whole flow for a job description and a resume."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from jdmatch.aggregating import MultiReport, combine, iter_postings
from jdmatch.coverage import compute_coverage
from jdmatch.errors import DocumentError, NoConceptsError, invalid_parameter
from jdmatch.extraction import extract
from jdmatch.lexicon import Lexicon, load_lexicon
from jdmatch.loading import Limits, Source, load
from jdmatch.pillars import category_coverage, pillar_coverage, role_weights
from jdmatch.planning import study_plan
from jdmatch.reporting import Report
from jdmatch.structure import ROLE_FAMILIES, SENIORITIES, read_job, read_resume
from jdmatch.weighting import ConceptTfidf


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
    if role is not None and role not in ROLE_FAMILIES:
        raise invalid_parameter("role", "analyze", f"one of {list(ROLE_FAMILIES)} or None", role)
    if seniority is not None and seniority not in SENIORITIES:
        raise invalid_parameter(
            "seniority", "analyze", f"one of {list(SENIORITIES)} or None", seniority
        )
    lexicon = lexicon if lexicon is not None else load_lexicon()
    if tfidf is None:
        tfidf = _reference_tfidf(lexicon)
    elif tfidf.lexicon is not lexicon and tfidf.lexicon.fingerprint != lexicon.fingerprint:
        raise invalid_parameter(
            "tfidf", "analyze", "fitted on the same lexicon as 'lexicon'", tfidf.lexicon.path
        )
    jd_document = load(jd, limits=limits)
    resume_document = load(resume, limits=limits)
    jd_mentions = extract(jd_document, lexicon=lexicon)
    if not jd_mentions:
        raise NoConceptsError(
            "found no skill or technology of the lexicon in the job description; check that "
            "it is a job posting, or pass lexicon= with your own concepts",
            source=jd_document.source,
        )
    resume_mentions = extract(resume_document, lexicon=lexicon)
    job = read_job(jd_document.text, jd_mentions)
    resume_structure = read_resume(resume_document.text, resume_mentions)
    coverage = compute_coverage(
        jd_mentions,
        resume_mentions,
        tfidf=tfidf,
        lexicon=lexicon,
        job=job,
        resume=resume_structure,
    )
    role = role or job.role
    seniority = seniority or job.seniority
    return Report(
        score=coverage.score,
        pillar_coverage=pillar_coverage(coverage),
        category_coverage=category_coverage(coverage),
        matched=tuple(item for item in coverage.concepts if item.matched),
        gaps=tuple(item for item in coverage.concepts if not item.matched),
        study_plan=study_plan(
            coverage, lexicon=lexicon, pillar_weights=role_weights(role, seniority)
        ),
        jd_source=jd_document.source,
        resume_source=resume_document.source,
        role=role,
        seniority=seniority,
        jd_text=jd_document.text,
        jd_mentions=tuple(jd_mentions),
        lexicon=lexicon,
    )


_REFERENCE: dict[int, ConceptTfidf] = {}


def _reference_tfidf(lexicon: Lexicon) -> ConceptTfidf:
    # Building the IDF vector is cheap but not free; keep one per lexicon object.
    cached = _REFERENCE.get(id(lexicon))
    if cached is None or cached.lexicon is not lexicon:
        cached = _REFERENCE[id(lexicon)] = ConceptTfidf.reference(lexicon=lexicon)
    return cached


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
    lexicon = lexicon if lexicon is not None else load_lexicon()
    resume_document = load(resume, limits=limits)
    postings = iter_postings(jds, column=column)
    reports: list[Report] = []
    skipped: list[tuple[str, str]] = []
    for posting in progress(postings) if progress else postings:
        try:
            reports.append(
                analyze(posting, resume_document, lexicon=lexicon, tfidf=tfidf, limits=limits)
            )
        except DocumentError as exc:
            skipped.append((exc.source, str(exc)))
    if not reports:
        reason = skipped[0][1] if skipped else "no postings were given"
        raise invalid_parameter("jds", "analyze_many", "at least one readable posting", reason)
    return combine(reports, resume_source=resume_document.source, skipped=skipped, lexicon=lexicon)
