"""The data layer: read editors' YAML and Markdown into validated records.

Files, YAML with positions, the pydantic models, cross-record checks, problems
as ``file:line:column: message``, and the :class:`~.dataset.Dataset` they make.
It imports nothing from the layers above (index, render, publish).
"""
