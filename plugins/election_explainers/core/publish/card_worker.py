"""A card worker: reads a pickled list of cards' shapes on stdin, writes their PNGs, pickled, on stdout.

Started by ``card_cache.py`` as ``python -m election_explainers.core.publish.card_worker``:
a fresh interpreter that imports only this, ``card_draw`` and Pillow, whatever the build's
own process is running (threads under ``serve``, a script without a ``__main__`` guard).
"""

from __future__ import annotations

import pickle
import sys

from .card_draw import draw_many


def main() -> None:
    cards = pickle.load(sys.stdin.buffer)
    pickle.dump(draw_many(cards), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
