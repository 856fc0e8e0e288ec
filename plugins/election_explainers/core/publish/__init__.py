"""The publish layer: files written out of a rendered site.

Feeds and timeline files, materialized pages, assets, the atomic swap of a
build, the diff of two builds and the git history they read.
"""
