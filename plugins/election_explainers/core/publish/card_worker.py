"""A card worker: reads a pickled list of cards' shapes on stdin, writes each PNG on stdout as it is drawn.

Each PNG goes out after its length (:data:`PNG_HEADER`), so the build keeps one picture at a
time, not a large site's hundreds of megabytes, and a worker that stops half-way leaves the
build only the cards it did not send.

Started by ``card_cache.py`` as ``python -m election_explainers.core.publish.card_worker``:
a fresh interpreter that imports only this, ``card_draw`` and Pillow, whatever the build's
own process is running (threads under ``serve``, a script without a ``__main__`` guard).
"""

from __future__ import annotations

import pickle
import struct
import sys

from .card_draw import draw_png

PNG_HEADER = struct.Struct("<Q")  # a PNG's length in bytes, before it


def main() -> None:
    cards = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for shapes in cards:
        data = draw_png(shapes)
        out.write(PNG_HEADER.pack(len(data)) + data)
    out.flush()


if __name__ == "__main__":
    main()
