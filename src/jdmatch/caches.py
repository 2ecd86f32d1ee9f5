"""Every cache jdmatch keeps, in one place: bounded, keyed by content, and clearable.

jdmatch keeps a few things between calls because rebuilding them costs more than a warm
analysis: loaded lexicons (keyed by their path and the size and modification time of their
files, so an edited file is read again), spaCy pipelines and reference TF-IDF weights (keyed by
the lexicon's :attr:`~jdmatch.lexicon.Lexicon.source_digest`, a digest of its content), and a
few memo tables of pure functions. Each is a :class:`BoundedCache` (or a bounded
``functools.lru_cache``) registered here by name; :func:`cache_sizes` shows them and
:func:`clear_caches` empties them all.

Example:
    >>> import jdmatch
    >>> _ = jdmatch.analyze("Kafka and SQL", "SQL")
    >>> cache_sizes()["pipelines"] >= 1
    True
    >>> clear_caches()
    >>> cache_sizes()["pipelines"]
    0
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """A thread-safe mapping that keeps at most ``maxsize`` entries, least recently used out.

    Args:
        name: The name :func:`cache_sizes` shows it under.
        maxsize: How many entries it keeps.

    Example:
        >>> cache = BoundedCache("example", maxsize=2)
        >>> for key in "abc":
        ...     _ = cache.get_or_build(key, key.upper)
        >>> list(cache.keys()), cache.get("a")
        (['b', 'c'], None)
    """

    def __init__(self, name: str, *, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.name = name
        self.maxsize = maxsize
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """Return the entry for ``key`` (marking it recently used), or ``None``."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> V:
        """Store ``value`` under ``key``, dropping the least recently used entry if full."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return value

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        """Return the entry for ``key``, building and storing it first when there is none."""
        value = self.get(key)
        return value if value is not None else self.put(key, build())

    def pop(self, key: K) -> None:
        """Forget ``key``, if present."""
        with self._lock:
            self._entries.pop(key, None)

    def keys(self) -> list[K]:
        """Return the keys, least recently used first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_CLEARERS: dict[str, Callable[[], None]] = {}
_SIZES: dict[str, Callable[[], int]] = {}


def file_stamp(file: Path) -> tuple[str, int, int] | None:
    """A cache key for a data file that changes when the file is edited, or ``None``.

    Args:
        file: The file.

    Returns:
        ``(path, modification time in ns, size)``, or ``None`` when the file cannot be
        examined (the caller reads it anyway and reports the error).
    """
    try:
        stat = file.stat()
    except OSError:
        return None
    return str(file), stat.st_mtime_ns, stat.st_size


def cached_file(
    cache: BoundedCache[tuple[str, int, int], V], file: Path, read: Callable[[Path], V]
) -> V:
    """Return ``read(file)``, kept in ``cache`` for as long as the file is unchanged."""
    stamp = file_stamp(file)
    if stamp is None:
        return read(file)
    return cache.get_or_build(stamp, lambda: read(file))


def bounded_cache(name: str, *, maxsize: int) -> BoundedCache[K, V]:
    """Create and register a :class:`BoundedCache` (each name once).

    Args:
        name: The cache's name.
        maxsize: How many entries it keeps.

    Returns:
        The cache.
    """
    cache: BoundedCache[K, V] = BoundedCache(name, maxsize=maxsize)
    register(name, clear=cache.clear, size=cache.__len__)
    return cache


def register(name: str, *, clear: Callable[[], None], size: Callable[[], int]) -> None:
    """Register a cache kept elsewhere (a bounded ``functools.lru_cache``) under ``name``.

    Args:
        name: The cache's name.
        clear: Empties it.
        size: Returns how many entries it holds.
    """
    _CLEARERS[name] = clear
    _SIZES[name] = size


def cache_sizes() -> dict[str, int]:
    """Return how many entries each registered cache holds, by name.

    Returns:
        ``{name: entries}``.
    """
    return {name: size() for name, size in _SIZES.items()}


def clear_caches() -> None:
    """Empty every cache jdmatch keeps (lexicons, pipelines, reference weights, memo tables).

    The next call rebuilds what it needs; results do not change.

    Example:
        >>> import jdmatch
        >>> jdmatch.clear_caches()
        >>> sum(cache_sizes().values())
        0
    """
    for clear in _CLEARERS.values():
        clear()
