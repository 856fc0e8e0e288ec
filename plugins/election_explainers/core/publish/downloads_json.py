"""How the downloads write JSON: records' fields as the YAML has them, and files that stay readable."""

from __future__ import annotations

import json
from typing import Any


def yaml_fields(model: Any) -> Any:
    """``model``'s fields as in the YAML: JSON values, without the ones left empty or at their defaults."""
    return model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def json_text(data: Any) -> str:
    """``data`` as a JSON file: UTF-8 text as it is (Cyrillic stays readable), indented by one."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
