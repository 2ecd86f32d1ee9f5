"""Step 4 of the flow: weigh concepts with TF-IDF over lexicon concepts.

Term frequencies count concept mentions, not words. The inverse document frequency comes from a
reference corpus of real ML and data-science postings: its per-concept document frequencies were
computed once by ``tools/fit_reference_idf.py`` and ship as ``lexicons/reference_idf.json`` (with
their provenance; the postings themselves are not shipped). The arithmetic is scikit-learn's
``TfidfTransformer`` with ``sublinear_tf=True`` and ``smooth_idf=True``:

    weight(c) = (1 + ln count(c)) * (1 + ln((1 + n) / (1 + df(c))))

where ``n`` is the number of reference postings and ``df(c)`` how many of them mention ``c``.
A concept every posting names (Python) weighs little; a rare one (ScaNN) weighs a lot.

Matrices of many documents go through the fitted transformer itself
(:meth:`ConceptTfidf.transformer`, used by :class:`~jdmatch.vectorizer.KeywordVectorizer`); the
weights of one document are computed directly from ``idf_``, because importing scikit-learn
takes longer than the rest of a one-pair analysis (a test checks that both give the same
numbers).
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jdmatch.errors import NotFittedError, StatisticsError, check_parameter, invalid_parameter
from jdmatch.lexicon import Lexicon, default_lexicon_path, load_lexicon
from jdmatch.loading import Document
from jdmatch.matching import count_terms, extract_many

if TYPE_CHECKING:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfTransformer

#: File name of the shipped reference statistics, inside the lexicon folder.
REFERENCE_STATISTICS = "reference_idf.json"
_STATISTICS_FORMAT = 1


class StatisticsWarning(UserWarning):
    """Document frequencies and lexicon differ: a concept of the lexicon was never counted."""


@dataclass(frozen=True)
class DocumentFrequencies:
    """How many documents of a corpus mention each concept.

    Attributes:
        n_documents: Size of the corpus.
        document_frequency: ``{concept id: number of documents mentioning it}``.
        provenance: Where the numbers come from (corpora, command, date, lexicon fingerprint).
    """

    n_documents: int
    document_frequency: Mapping[str, int]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        frequencies, provenance = dict(self.document_frequency), dict(self.provenance)
        return (DocumentFrequencies, (self.n_documents, frequencies, provenance))

    def to_json(self) -> str:
        """Serialise to the JSON format of ``reference_idf.json``.

        Returns:
            Indented JSON with sorted keys.
        """
        data = {
            "format": _STATISTICS_FORMAT,
            "n_documents": self.n_documents,
            "provenance": dict(self.provenance),
            "document_frequency": dict(sorted(self.document_frequency.items())),
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def load_statistics(path: str | PathLike[str] | None = None) -> DocumentFrequencies:
    """Read document frequencies written by :meth:`DocumentFrequencies.to_json`.

    Args:
        path: The JSON file; ``None`` reads the shipped reference statistics.

    Returns:
        The statistics.

    Raises:
        StatisticsError: The file is missing or malformed (a :class:`~jdmatch.LexiconError`
            too, as it was before).

    Example:
        >>> load_statistics().n_documents > 1000
        True
    """
    file = Path(path) if path is not None else default_lexicon_path() / REFERENCE_STATISTICS
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data["format"] != _STATISTICS_FORMAT:
            raise ValueError(f"unknown format {data['format']!r}")
        frequencies = {str(k): int(v) for k, v in data["document_frequency"].items()}
        return DocumentFrequencies(
            n_documents=int(data["n_documents"]),
            document_frequency=MappingProxyType(frequencies),
            provenance=MappingProxyType(dict(data.get("provenance", {}))),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StatisticsError(f"cannot read document frequencies ({exc})", path=file) from exc


class ConceptTfidf:
    """TF-IDF weights over the concepts of a lexicon, scikit-learn style.

    Fitted state lives in attributes ending in ``_``: ``vocabulary_`` (concept id → column),
    ``document_frequency_``, ``idf_`` and ``n_documents_``.

    Args:
        lexicon: The lexicon whose concepts are the vocabulary; ``None`` uses the shipped one.

    Example:
        >>> tfidf = ConceptTfidf().fit(["We need PyTorch and SQL.", "SQL and Tableau."])
        >>> tfidf.idf("sql") < tfidf.idf("pytorch")
        True
    """

    def __init__(self, *, lexicon: Lexicon | None = None) -> None:
        check_parameter(lexicon, "lexicon", "ConceptTfidf", Lexicon, None)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()

    def fit(self, documents: Iterable[str | Document]) -> ConceptTfidf:
        """Learn document frequencies from a corpus of job descriptions.

        Args:
            documents: Texts or loaded documents (streamed; read once).

        Returns:
            ``self``, fitted.

        Raises:
            InvalidParameterError: ``documents`` is empty.
        """
        # Every concept of the lexicon is listed, 0 when no document names it: the statistics
        # then tell a concept they never saw (added to the lexicon since) from a rare one.
        frequencies: dict[str, int] = dict.fromkeys(self.lexicon.concepts, 0)
        n_documents = 0
        for mentions in extract_many(documents, lexicon=self.lexicon):
            n_documents += 1
            for term in count_terms(mentions):
                frequencies[term] = frequencies.get(term, 0) + 1
        if n_documents == 0:
            raise invalid_parameter("documents", "ConceptTfidf.fit", "a non-empty iterable", [])
        provenance = {"created": date.today().isoformat(), "lexicon": self.lexicon.fingerprint}
        return self._fit_frequencies(DocumentFrequencies(n_documents, frequencies, provenance))

    @classmethod
    def from_statistics(
        cls, statistics: DocumentFrequencies, *, lexicon: Lexicon | None = None
    ) -> ConceptTfidf:
        """Build fitted weights from stored document frequencies.

        Args:
            statistics: Document frequencies, e.g. from :func:`load_statistics`.
            lexicon: The lexicon; ``None`` uses the shipped one. Statistics are keyed by
                concept id: a concept of the lexicon they never saw counts as mentioned by no
                document (df 0, with a :class:`StatisticsWarning`), and one the lexicon no
                longer has is ignored.

        Returns:
            A fitted instance.
        """
        return cls(lexicon=lexicon)._fit_frequencies(statistics)

    @classmethod
    def reference(cls, *, lexicon: Lexicon | None = None) -> ConceptTfidf:
        """Weights fitted on the shipped reference corpus of real ML and data-science postings.

        Args:
            lexicon: The lexicon; ``None`` uses the shipped one.

        Returns:
            A fitted instance.

        Example:
            >>> ConceptTfidf.reference().n_documents_ > 1000
            True
        """
        return cls.from_statistics(load_statistics(), lexicon=lexicon)

    def _fit_frequencies(self, statistics: DocumentFrequencies) -> ConceptTfidf:
        import numpy as np

        vocabulary = {concept.id: column for column, concept in enumerate(self.lexicon)}
        unseen = [term for term in vocabulary if term not in statistics.document_frequency]
        if unseen and statistics.document_frequency:
            shown = ", ".join(unseen[:5]) + (
                f" and {len(unseen) - 5} more" if len(unseen) > 5 else ""
            )
            warnings.warn(
                f"{len(unseen)} concept(s) of the lexicon are not in the document frequencies "
                f"({shown}): they count as mentioned by no document (df 0). Refit the "
                "statistics (python tools/fit_reference_idf.py) to weigh them.",
                StatisticsWarning,
                stacklevel=3,
            )
        frequency = np.zeros(len(vocabulary), dtype=np.int64)
        for term, count in statistics.document_frequency.items():
            if term in vocabulary:
                frequency[vocabulary[term]] = count
        n = statistics.n_documents
        self.vocabulary_: dict[str, int] = vocabulary
        self.document_frequency_: np.ndarray[Any, Any] = frequency
        self.n_documents_: int = n
        # The smoothed IDF that TfidfTransformer(smooth_idf=True).fit computes from a matrix.
        self.idf_: np.ndarray[Any, Any] = np.log((1 + n) / (1 + frequency)) + 1
        self.statistics_ = statistics
        return self

    def transformer(self) -> TfidfTransformer:
        """Return a fitted scikit-learn ``TfidfTransformer`` holding these weights.

        Its ``transform`` turns a ``(documents, concepts)`` count matrix, columns in
        ``vocabulary_`` order, into the weights :meth:`weigh` gives one document at a time.

        Returns:
            ``TfidfTransformer(norm=None, sublinear_tf=True, smooth_idf=True)`` with ``idf_``.

        Example:
            >>> from scipy.sparse import csr_matrix
            >>> tfidf = ConceptTfidf.reference()
            >>> counts = csr_matrix(([2], ([0], [tfidf.vocabulary_["python"]])),
            ...                     shape=(1, len(tfidf.vocabulary_)))
            >>> weight = tfidf.transformer().transform(counts)[0, tfidf.vocabulary_["python"]]
            >>> round(float(weight), 6) == round(tfidf.weigh({"python": 2})["python"], 6)
            True
        """
        self._check_fitted()
        from sklearn.feature_extraction.text import TfidfTransformer

        transformer = TfidfTransformer(norm=None, sublinear_tf=True, smooth_idf=True)
        transformer.idf_ = self.idf_
        transformer.n_features_in_ = len(self.vocabulary_)
        return transformer

    def _check_fitted(self) -> None:
        if not hasattr(self, "idf_"):
            raise NotFittedError(
                "This ConceptTfidf is not fitted yet. Call 'fit' with a list of job "
                "descriptions, or use ConceptTfidf.reference()."
            )

    def idf(self, term: str) -> float:
        """Return the inverse document frequency of one concept.

        Args:
            term: A concept id of the lexicon.

        Returns:
            The smoothed IDF (1.0 for a concept every document mentions).
        """
        self._check_fitted()
        if term not in self.vocabulary_:
            raise invalid_parameter("term", "ConceptTfidf.idf", "a concept id of the lexicon", term)
        return float(self.idf_[self.vocabulary_[term]])

    def weigh(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Turn concept counts of one document into TF-IDF weights.

        Args:
            counts: ``{concept id: mentions}`` for one document.

        Returns:
            ``{concept id: weight}`` for every concept with a positive count.
        """
        self._check_fitted()
        unknown = [term for term, n in counts.items() if n > 0 and term not in self.vocabulary_]
        if unknown:
            raise invalid_parameter(
                "counts", "ConceptTfidf.weigh", "counts of concepts in the lexicon", unknown[:3]
            )
        # TfidfTransformer(sublinear_tf=True) arithmetic for one row, without importing
        # scikit-learn (0.7 s) on the one-pair path; a test checks both give the same numbers.
        return {
            term: (1.0 + math.log(count)) * float(self.idf_[self.vocabulary_[term]])
            for term, count in counts.items()
            if count > 0
        }
