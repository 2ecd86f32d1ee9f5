"""jdmatch: what to study for an ML interview, from a job description and a resume.

The flow runs one way, one module per step: :mod:`~jdmatch.loading` →
:mod:`~jdmatch.normalizing` → :mod:`~jdmatch.matching` → :mod:`~jdmatch.structure` →
:mod:`~jdmatch.weighting` →
:mod:`~jdmatch.coverage` → :mod:`~jdmatch.pillars` → :mod:`~jdmatch.planning` →
:mod:`~jdmatch.reporting`; :func:`analyze` runs all of it.

Example:
    >>> import jdmatch
    >>> report = jdmatch.analyze("We need PyTorch, Kafka and SQL.", "PyTorch and SQL work.")
    >>> report.score > 0
    True
"""

from importlib.metadata import PackageNotFoundError, version

from jdmatch.aggregating import MultiReport
from jdmatch.analysis import Analyzer, analyze, analyze_many, score_frame
from jdmatch.caches import clear_caches
from jdmatch.coverage import ConceptCoverage
from jdmatch.errors import (
    DocumentError,
    DocumentNotFoundError,
    DocumentReadError,
    EmptyDocumentError,
    InvalidParameterError,
    JdmatchError,
    LexiconError,
    LimitError,
    NoConceptsError,
    NotFittedError,
    StatisticsError,
    UnsupportedFormatError,
)
from jdmatch.lexicon import CATEGORIES, PILLARS, Concept, Lexicon, load_lexicon
from jdmatch.loading import DEFAULT_LIMITS, Document, Limits, load
from jdmatch.matching import Mention, extract, extract_many, make_nlp
from jdmatch.model import ModelError
from jdmatch.reporting import Report
from jdmatch.weighting import (
    ConceptTfidf,
    DocumentFrequencies,
    StatisticsWarning,
    load_statistics,
)

try:  # the installed distribution's version, from pyproject.toml: written in one place
    __version__ = version("jdmatch")
except PackageNotFoundError:  # pragma: no cover - run from a source tree never installed
    __version__ = "0+unknown"

__all__ = [
    "CATEGORIES",
    "DEFAULT_LIMITS",
    "PILLARS",
    "Analyzer",
    "Concept",
    "ConceptCoverage",
    "ConceptTfidf",
    "Document",
    "DocumentError",
    "DocumentFrequencies",
    "DocumentNotFoundError",
    "DocumentReadError",
    "EmptyDocumentError",
    "InvalidParameterError",
    "JdmatchError",
    "Lexicon",
    "LexiconError",
    "LimitError",
    "Limits",
    "Mention",
    "ModelError",
    "MultiReport",
    "NoConceptsError",
    "NotFittedError",
    "Report",
    "StatisticsError",
    "StatisticsWarning",
    "UnsupportedFormatError",
    "__version__",
    "analyze",
    "analyze_many",
    "clear_caches",
    "extract",
    "extract_many",
    "load",
    "load_lexicon",
    "load_statistics",
    "make_nlp",
    "score_frame",
]
