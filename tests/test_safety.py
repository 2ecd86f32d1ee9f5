"""What the package's own source never does, checked on that source.

It never imports pickle, marshal, shelve, subprocess, socket, multiprocessing or an HTTP client,
and never calls eval, exec, compile, __import__, os.system or os.popen. (``Analyzer.pipe`` with
``n_process`` > 1 does start worker processes through ``concurrent.futures``, which pickles the
analyzer and the batches between the parent and its own workers; that path is not forbidden
here, and the user opts into it.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import jdmatch

SOURCE = Path(jdmatch.__file__).parent
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "socket", "urllib", "http",
                     "requests", "ftplib", "smtplib", "multiprocessing"}  # fmt: skip
FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_METHODS = {"system", "popen", "spawnl", "execv"}


def test_no_unsafe_modules_or_calls():
    problems = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            problems += [f"{path.name}: import {n}" for n in names
                         if n.split(".")[0] in FORBIDDEN_MODULES]  # fmt: skip
            if isinstance(node, ast.Call):
                func = node.func
                if (isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS) or (
                    isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_METHODS
                ):
                    problems.append(f"{path.name}:{node.lineno}: {ast.unparse(func)}()")
    assert problems == []


def test_pdfminer_is_at_least_the_release_without_pickle_cmaps():
    from importlib.metadata import version

    assert int(version("pdfminer.six")[:8]) >= 20251229
