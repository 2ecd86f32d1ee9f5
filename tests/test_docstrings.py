"""Every docstring example runs, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import jdmatch

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(jdmatch.__path__, "jdmatch.")
    if name not in {"jdmatch.__main__"}
)


@pytest.mark.parametrize("name", ["jdmatch", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_public_functions_have_examples():
    missing = [
        name
        for name in jdmatch.__all__
        if callable(obj := getattr(jdmatch, name))
        and not isinstance(obj, type)
        and ">>>" not in (obj.__doc__ or "")
    ]
    assert missing == []
