"""jdmatch concepts as scikit-learn features: ``KeywordVectorizer``.

Import it from here (``from jdmatch.vectorizer import KeywordVectorizer``); importing
``jdmatch`` alone does not load scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, TransformerMixin

from jdmatch.errors import NotFittedError
from jdmatch.lexicon import load_lexicon
from jdmatch.loading import Document
from jdmatch.matching import count_terms, extract_many
from jdmatch.weighting import ConceptTfidf


class KeywordVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Turn texts into TF-IDF weights over the lexicon's concepts (one column per concept).

    ``fit`` learns inverse document frequencies from the texts it is given (or, with
    ``use_reference_idf=True``, takes those of the shipped reference postings); ``transform``
    returns a sparse matrix of sublinear TF-IDF weights, the same numbers
    :meth:`jdmatch.ConceptTfidf.weigh` gives.

    Args:
        lexicon_path: A lexicon file or folder; ``None`` uses the shipped lexicon.
        use_reference_idf: Use the shipped IDF instead of fitting it.

    Example:
        >>> vectorizer = KeywordVectorizer().fit(["PyTorch and SQL", "SQL and Kafka"])
        >>> matrix = vectorizer.transform(["Kafka, Kafka and SQL"])
        >>> names = vectorizer.get_feature_names_out()
        >>> sorted(names[matrix.nonzero()[1]])
        ['apache_kafka', 'sql']
    """

    def __init__(self, *, lexicon_path: str | None = None, use_reference_idf: bool = False):
        self.lexicon_path = lexicon_path
        self.use_reference_idf = use_reference_idf

    def fit(self, X: Iterable[str | Document], y: Any = None) -> KeywordVectorizer:  # noqa: N803
        """Learn the vocabulary and IDF.

        Args:
            X: Texts (or documents).
            y: Ignored.

        Returns:
            ``self``.
        """
        lexicon = load_lexicon(self.lexicon_path)
        tfidf = (
            ConceptTfidf.reference(lexicon=lexicon)
            if self.use_reference_idf
            else ConceptTfidf(lexicon=lexicon).fit(X)
        )
        self.tfidf_ = tfidf
        self.vocabulary_ = tfidf.vocabulary_
        self.idf_ = tfidf.idf_
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str | Document]) -> csr_matrix:  # noqa: N803
        """Weigh each text's concepts.

        Args:
            X: Texts (or documents).

        Returns:
            A ``(n_texts, n_concepts)`` sparse matrix of TF-IDF weights.
        """
        if not hasattr(self, "tfidf_"):
            raise NotFittedError("This KeywordVectorizer is not fitted yet. Call 'fit' first.")
        rows, columns, counts = [], [], []
        n_rows = 0
        for row, mentions in enumerate(extract_many(X, lexicon=self.tfidf_.lexicon)):
            n_rows = row + 1
            for term, count in count_terms(mentions).items():
                rows.append(row)
                columns.append(self.vocabulary_[term])
                counts.append(count)
        matrix = csr_matrix(
            (counts, (rows, columns)), shape=(n_rows, len(self.vocabulary_)), dtype=np.float64
        )
        weights: csr_matrix = self.tfidf_.transformer().transform(matrix)
        return weights

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray[Any, Any]:
        """Concept ids, in column order.

        Args:
            input_features: Ignored.

        Returns:
            An array of concept ids.
        """
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("This KeywordVectorizer is not fitted yet. Call 'fit' first.")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return np.asarray(names, dtype=object)
