"""The render layer: the dataset and its indexes as HTML, SVG and JSON text.

The renderer, the view templates call, charts, URLs, sanitized Markdown and
the timeline exports.  It imports the data and index layers, never publish.
"""
