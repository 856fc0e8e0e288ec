"""Read one YAML file into plain Python values, keeping where each value was.

PyYAML's own constructors drop positions, accept duplicate keys silently and
turn ``2021-01-10`` into a ``datetime.date``.  We let libyaml's C composer
build the node tree (fast), then construct values ourselves: duplicate keys
become problems, dates stay text (partial dates need that) and alias bombs
are cut off.  The node tree is kept so that a problem found later can be
placed on its line and column without storing a position for every value.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import FieldPath, Problem, format_field

_scalars = yaml.constructor.SafeConstructor()
_PLAIN = "?plain"  # a plain scalar whose tag we resolve ourselves, only if it is a value

# A real entity file holds a few hundred values; an alias bomb holds billions.
MAX_VALUES = 200_000
# A real file nests about six levels; libyaml stops at 1,000, Python's recursion before that.
MAX_DEPTH = 100
# No field takes a number this long; Python refuses to read integers past 4,300 digits.
MAX_NUMBER_CHARS = 100
# Texts this short or shorter are shared between files (see _shared).
SHARED_CHARS = 80

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_PLAIN_TAGS = {_STR, _TAG + "timestamp"}
_MERGE = _TAG + "merge"
_NUMBER_TAGS = {_TAG + "int", _TAG + "float"}
_CONSTRUCTORS = {
    _TAG + "null": _scalars.construct_yaml_null,
    _TAG + "bool": _scalars.construct_yaml_bool,
    _TAG + "int": _scalars.construct_yaml_int,
    _TAG + "float": _scalars.construct_yaml_float,
}


# The line breaks libyaml counts in its positions: NEL, LS and PS too.
_LINE_BREAK_RE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
PlacesOf = Callable[[str, int, int], dict[str, list[int]]]
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer (when PyYAML has it) with tag resolution left to us.

    PyYAML resolves a tag for every node in Python, keys included; we only
    need tags for the scalars that are values, and resolve those in
    :func:`_resolve_plain`, which is most of the parse time saved.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            # Most plain values are text no implicit resolver could claim (no resolver starts with
            # their first character): tag them text here, so that building them is a look-up.
            if implicit[0] and not (value and value[0] not in _IMPLICIT and not _WILDCARD):
                return _PLAIN
            return _STR
        return _TAG + ("seq" if kind is SequenceNode else "map")

    # PyYAML calls these two around every node, for path-based resolvers, which we do not use.
    # A method that does nothing still costs a Python call per node (two per value, a tenth of
    # the parse); a C function that ignores its arguments costs almost nothing.
    descend_resolver = ascend_resolver = staticmethod("".format)


# The same few thousand numbers and dates recur across a newsroom's files: resolve each once.
@lru_cache(maxsize=4096)
def _resolve_plain(value: str) -> str:
    """The implicit tag of a plain scalar, as YAML 1.1 (and PyYAML's safe loader) reads it."""
    if value and value[0] not in _IMPLICIT and not _WILDCARD:
        return _TAG + "str"  # most text: no resolver starts with its first character
    for tag, regexp in _IMPLICIT.get(value[:1], []) + _WILDCARD if value else _IMPLICIT.get("", []):
        if regexp.match(value):
            return str(tag)
    return _TAG + "str"


class YamlFile:
    """A parsed YAML file: its values, and the node tree they came from.

    The tree is dropped by :meth:`release` once the file's values are checked
    (thousands of live trees make the garbage collector crawl) and parsed
    again from the text only if a later problem needs a position.
    """

    def __init__(self, path: str, text: str, data: Any, root: Node | None) -> None:
        self.path = path
        self.text = text
        self.data = data
        self._root = root
        self._line_starts: list[int] | None = None

    def release(self) -> None:
        self.data = None
        self._root = None

    @property
    def root(self) -> Node | None:
        if self._root is None:
            loader = _Loader(self.text)
            try:
                self._root = loader.get_single_node()
            finally:
                loader.dispose()
        return self._root

    def node_at(self, field: FieldPath, *, key: bool = False) -> Node | None:
        """The node of ``field`` (or of its key), or of its nearest existing parent."""
        node = self.root
        for index, part in enumerate(field):
            last = index == len(field) - 1
            found: Node | None = None
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                        found = key_node if key and last else value_node
                        break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                found = node.value[part]
            if found is None:
                return node
            node = found
        return node

    def position(self, field: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of ``field`` (see :meth:`node_at`)."""
        node = self.node_at(field, key=key)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, field: FieldPath, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(field, key=key)
        return Problem(self.path, line, column, format_field(field), message)

    def find_in(self, field: FieldPath, snippet: str, occurrence: int = 0) -> tuple[int, int]:
        """Where the ``occurrence``-th ``snippet`` stands inside the value of ``field``.

        Used for ``[[id]]`` links inside Markdown strings; falls back to the
        value's own position when the text was folded or escaped past finding.
        """
        node = self.node_at(field)
        if node is None:
            return (1, 1)
        start, end = self._offset(node.start_mark), self._offset(node.end_mark)
        found = start - 1
        for _ in range(occurrence + 1):
            found = self.text.find(snippet, found + 1, end)
            if found < 0:
                return (node.start_mark.line + 1, node.start_mark.column + 1)
        return self.line_column(found)

    def find_each_in(
        self, field: FieldPath, wanted: list[tuple[str, int]], places_of: PlacesOf
    ) -> list[tuple[int, int]]:
        """:meth:`find_in` for many ``(snippet, occurrence)`` at once, in one pass over the value.

        ``places_of(text, start, end)`` lists where each snippet stands in a
        part of the text, all snippets in one pass: searching the text again
        for each snippet would take time in the square of its length.
        """
        node = self.node_at(field)
        if node is None:
            return [(1, 1)] * len(wanted)
        fallback = (node.start_mark.line + 1, node.start_mark.column + 1)
        start, end = self._offset(node.start_mark), self._offset(node.end_mark)
        places = places_of(self.text, start, end)
        found = []
        for snippet, occurrence in wanted:
            offsets = places.get(snippet, ())
            found.append(self.line_column(offsets[occurrence]) if occurrence < len(offsets) else fallback)
        return found

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset in the text."""
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return (line + 1, offset - starts[line] + 1)

    @property
    def line_starts(self) -> list[int]:
        """Where each line begins, by libyaml's line breaks."""
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in _LINE_BREAK_RE.finditer(self.text))]
        return self._line_starts

    def _offset(self, mark: Any) -> int:
        # From line and column: libyaml's own index counts bytes in some versions.
        starts = self.line_starts
        return starts[mark.line] + int(mark.column) if mark.line < len(starts) else len(self.text)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file (a byte-order mark is allowed), or where it stops being UTF-8."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        return None, [Problem(path, line, column, "", message)]


def parse_yaml(path: str, text: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``text``; on failure return the problems instead of raising."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "not valid YAML"
        return None, [Problem(path, line, column, "", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, "", f"YAML error: {error}")]
    finally:
        loader.dispose()
    if root is None:
        return None, [Problem(path, 1, 1, "", "the file is empty; write the entity's fields in it")]
    builder = _Builder(path)
    try:
        data = builder.build(root)
    except _TooLarge:
        mark = root.start_mark
        message = f"the file expands to more than {MAX_VALUES:,} values; are aliases (*name) nested?"
        return None, [Problem(path, mark.line + 1, mark.column + 1, "", message)]
    if builder.problems:
        return None, builder.problems
    return YamlFile(path, text, data, root), []


def _shared(text: str) -> str:
    """One string object for each short text: ids, tags and publishers repeat across thousands of
    files (at L a third of the dataset's strings were copies); records keep them all build long."""
    return sys.intern(text) if len(text) <= SHARED_CHARS else text


class _TooLarge(Exception):
    pass


class _Builder:
    """Turns nodes into values, collecting problems rather than stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0
        self.active: set[int] = set()  # nodes being built: a repeat is a recursive alias
        self.depth = 0

    def fail(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, "", message))

    def build(self, node: Node) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge
        if node.__class__ is ScalarNode:
            return self.scalar(node)
        if id(node) in self.active:
            self.fail(node, "this alias refers to itself")
            return None
        if self.depth >= MAX_DEPTH:
            self.fail(node, f"lists and mappings are nested more than {MAX_DEPTH} levels deep here")
            return None
        self.active.add(id(node))
        self.depth += 1
        try:
            if isinstance(node, SequenceNode):
                items = []
                for item in node.value:
                    if item.__class__ is ScalarNode and item.tag == _STR:  # text: what build() gives, minus a call
                        self.count += 1
                        if self.count > MAX_VALUES:
                            raise _TooLarge
                        items.append(_shared(item.value))
                    else:
                        items.append(self.build(item))
                return items
            assert isinstance(node, MappingNode)
            return self.mapping(node)
        finally:
            self.active.discard(id(node))
            self.depth -= 1

    def scalar(self, node: ScalarNode) -> Any:
        tag = _resolve_plain(node.value) if node.tag == _PLAIN else node.tag
        if tag in _PLAIN_TAGS:
            return _shared(node.value) if tag == _STR else node.value
        construct = _CONSTRUCTORS.get(tag)
        if construct is None:
            self.fail(node, f"unsupported YAML tag {tag!r}; write a plain value")
            return None
        if len(node.value) > MAX_NUMBER_CHARS and tag in _NUMBER_TAGS:
            self.fail(
                node, f"a number of {len(node.value):,} characters is too long for any field; quote it if it is text"
            )
            return None
        try:
            return construct(node)
        except ValueError as error:  # any other number Python refuses to read
            self.fail(node, f"this number cannot be read: {error}")
            return None

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or (key_node.tag == _PLAIN and key_node.value == "<<"):
                self.fail(key_node, "merge keys (<<) are not supported; write the fields out")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "a key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            if key in first:
                line = first[key].start_mark.line + 1
                self.fail(key_node, f"duplicate key '{key}' (first set on line {line})")
                continue
            first[key] = key_node
            if value_node.__class__ is ScalarNode and value_node.tag == _STR:  # text: as in build(), minus a call
                self.count += 1
                if self.count > MAX_VALUES:
                    raise _TooLarge
                result[key] = _shared(value_node.value)
            else:
                result[key] = self.build(value_node)
        return result
