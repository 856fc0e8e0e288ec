"""Turn pydantic's validation errors into problems an editor understands."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .yamlfile import YamlFile

# Fields the loader fills from the file's name and place, never written by editors.
HIDDEN_FIELDS = ("id", "file")

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}

# Limits read as an editor would say them; ``{:,}`` groups digits (10,000).
_BOUNDS = {
    "less_than_equal": ("le", "must be at most {:,}"),
    "greater_than_equal": ("ge", "must be at least {:,}"),
}


def problems_from(error: ValidationError, model: type[BaseModel], source: YamlFile) -> list[Problem]:
    return [_problem(detail, model, source) for detail in error.errors()]


def _problem(detail: Any, model: type[BaseModel], source: YamlFile) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _field_names(model, loc[:-1])
        return source.problem(loc, f"unknown field '{name}'" + did_you_mean(name, known), key=True)
    if kind == "missing":
        return source.problem(loc, "required field is missing")
    if kind in _EXPECTED:
        return source.problem(loc, f"expected {_EXPECTED[kind]}, got {_describe(detail['input'])}")
    if kind == "literal_error":
        expected = detail["ctx"]["expected"]
        value = detail["input"]
        hint = (
            did_you_mean(value, [c.strip(" '") for c in expected.replace(" or ", ",").split(",")])
            if isinstance(value, str)
            else ""
        )
        return source.problem(loc, f"must be {expected}, got {_describe(value)}{hint}")
    if kind in _BOUNDS:
        bound, template = _BOUNDS[kind]
        limit = detail["ctx"][bound]
        # A float field's limit comes back as 100.0; editors wrote and read 100.
        return source.problem(loc, template.format(int(limit) if float(limit).is_integer() else limit))
    if kind == "finite_number":
        return source.problem(loc, f"expected a number, got {_describe(detail['input'])}")
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        message = f"{_describe(detail['input'])} does not match the form {detail['ctx']['pattern']}"
    return source.problem(loc, message)


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, float) and value != value:
        return ".nan"  # as YAML writes it
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    if isinstance(value, int) and len(shown := str(value)) > 40:
        return f"a number of {len(shown)} digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for did-you-mean)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = _model_inside(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name not in HIDDEN_FIELDS]
    return []


def _model_inside(annotation: Any) -> Any:
    """The pydantic model in ``list[X] | None`` and the like, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_inside(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_inside(arg)
            if found is not None:
                return found
    return None
