from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdmatch.normalizing import normalize


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("ﬁne-tuning", "fine-tuning"),
        ("Kuber-\nnetes", "Kubernetes"),
        ("Kuber-  \r\n  netes", "Kubernetes"),
        ("State-of-the-\nArt", "State-of-the-\nArt"),
        ("\uf0b7 Python", "• Python"),
        ("● SQL ▪ Spark", "• SQL • Spark"),
        ("“PyTorch” and ‘JAX’", "\"PyTorch\" and 'JAX'"),
        ("bias–variance — trade-off", "bias-variance - trade-off"),
        ("A\u00a0B\u2009C\u200bD", "A B CD"),
        ("line\r\nbreak\rend\u2028x", "line\nbreak\nend\nx"),
        ("tab\there", "tab here"),
        ("Ｐｙｔｈｏｎ", "Python"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_normalize(raw, normalized):
    assert normalize(raw).text == normalized


def test_offsets_map_back_through_ligatures_and_hyphenation():
    raw = "• Deep ﬁne-\ntuning on Kuber-\nnetes"
    result = normalize(raw)
    start = result.text.index("finetuning")
    assert raw[slice(*result.original_span(start, start + len("finetuning")))] == "ﬁne-\ntuning"
    start = result.text.index("Kubernetes")
    assert raw[slice(*result.original_span(start, start + 10))] == "Kuber-\nnetes"


@given(st.text(alphabet=st.sampled_from(list("ab -\n\tﬁ•“’\u200b\u00a0Ｐ\r")), max_size=60))
def test_every_normalized_character_maps_into_the_original(raw):
    result = normalize(raw)
    previous_start = 0
    for index in range(len(result.text)):
        start, end = result.original_span(index, index + 1)
        assert 0 <= start < end <= len(raw)
        assert start >= previous_start  # characters keep their order
        previous_start = start
