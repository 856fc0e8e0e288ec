"""The index layer: what the dataset says when read across records.

Timelines, related stories, results and standings, and what each page read
(tracking for incremental rebuilds).  It imports only the data layer.
"""
