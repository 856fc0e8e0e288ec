"""What changed in the data between two sides: records added, removed and changed, with each field
that changed as a path into the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..data.models import Record


@dataclass(frozen=True)
class FieldChange:
    path: str  # results[official].rows[nur-otan].votes
    old: Any  # None: absent
    new: Any


@dataclass(frozen=True)
class RecordChange:
    kind: str
    id: str
    name: str
    file: str
    fields: tuple[FieldChange, ...] = ()


@dataclass
class DataChanges:
    added: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)


def record_values(record: Record) -> dict[str, Any]:
    """A record's fields as plain values, without the ones left at their defaults; its name first."""
    values = record.model_dump(mode="json", exclude={"id", "file"}, exclude_defaults=True)
    first: dict[str, Any] = {key: values.pop(key) for key in ("name", "title") if key in values}
    return {**first, **values}


def _name(record: Record) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


def compare_data(before: dict[str, Record], after: dict[str, Record]) -> DataChanges:
    """Records added, removed and changed (with each field that changed), by kind and id."""
    changes = DataChanges()
    order = _kind_order()
    for entity_id in sorted(before.keys() | after.keys(), key=lambda i: (_kind_of(i, before, after, order), i)):
        old, new = before.get(entity_id), after.get(entity_id)
        if old is None and new is not None:
            changes.added.append(RecordChange(new.kind, entity_id, _name(new), new.file))
        elif new is None and old is not None:
            changes.removed.append(RecordChange(old.kind, entity_id, _name(old), old.file))
        elif old is not None and new is not None:
            if old.kind != new.kind:
                changes.removed.append(RecordChange(old.kind, entity_id, _name(old), old.file))
                changes.added.append(RecordChange(new.kind, entity_id, _name(new), new.file))
                continue
            fields = tuple(field_changes(record_values(old), record_values(new)))
            if fields or old.file != new.file:
                moved = (FieldChange("(file)", old.file, new.file),) if old.file != new.file else ()
                changes.changed.append(RecordChange(new.kind, entity_id, _name(new), new.file, moved + fields))
    return changes


def _kind_order() -> dict[str, int]:
    from ..data.models import KINDS

    return {kind.kind: number for number, kind in enumerate(KINDS)}


def _kind_of(entity_id: str, before: dict[str, Record], after: dict[str, Record], order: dict[str, int]) -> int:
    record = after.get(entity_id) or before.get(entity_id)
    return order.get(record.kind, len(order)) if record is not None else len(order)


# How items of a list are matched between the two sides: by these fields, when they tell the items apart.
_ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "results": ("kind", "pollster", "date"),
    "rows": ("party", "person", "option"),
    "leaders": ("person", "start_date"),
    "roles": ("title", "party", "start_date"),
    "chambers": ("id",),
    "other_names": ("name",),
    "events": ("date", "title"),
    "sources": ("title", "publisher"),
}


def _item_key(list_name: str, item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    parts = [str(item[key]) for key in _ITEM_KEYS.get(list_name, ()) if item.get(key) is not None]
    return " ".join(parts) or None


def _keyed(list_name: str, items: list[Any]) -> dict[str, Any] | None:
    """The items by their key, or ``None`` when some have none or two share one (then they go by position)."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = _item_key(list_name, item)
        if key is None or key in keyed:
            return None
        keyed[key] = item
    return keyed


def field_changes(old: Any, new: Any, path: str = "") -> Iterator[FieldChange]:
    """Every leaf that differs, as a path into the record; lists of items are matched item by item."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if isinstance(old, list) and isinstance(new, list) and any(isinstance(i, dict) for i in old + new):
        before, after = _keyed(name, old), _keyed(name, new)
        if before is None or after is None:
            before = {str(i): item for i, item in enumerate(old)}
            after = {str(i): item for i, item in enumerate(new)}
        for key in [*after, *(k for k in before if k not in after)]:
            yield from field_changes(before.get(key), after.get(key), f"{path}[{key}]")
        return
    yield FieldChange(path, old, new)
