"""The data core: load, validate, index and render election data.

Nothing here imports MkDocs; the plugins in the parent package adapt it.
"""
