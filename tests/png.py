"""Read a PNG's pixels with the standard library (zlib), so tests can sample a card's colours.

Enough of the format for what our renderer writes: 8-bit RGB, RGBA or palette, not interlaced
(a palette picture is read as RGB: each index looked up in its PLTE chunk).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {2: 3, 3: 1, 6: 4}  # colour type -> bytes per pixel at 8 bits


@dataclass
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        start = x * self.channels
        r, g, b = self.rows[y][start : start + 3]
        return r, g, b

    def colours(self) -> dict[tuple[int, int, int], int]:
        """How many pixels of each opaque colour."""
        counts: dict[tuple[int, int, int], int] = {}
        for row in self.rows:
            for start in range(0, len(row), self.channels):
                if self.channels == 4 and row[start + 3] != 255:
                    continue
                key = (row[start], row[start + 1], row[start + 2])
                counts[key] = counts.get(key, 0) + 1
        return counts


def size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk."""
    assert data.startswith(SIGNATURE), "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def read(data: bytes) -> Image:
    assert data.startswith(SIGNATURE), "not a PNG"
    position, idat, header, palette = len(SIGNATURE), b"", b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = struct.unpack(">I", data[position + 8 + length : position + 12 + length])[0]
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in _CHANNELS and interlace == 0, (depth, colour_type, interlace)
    channels = _CHANNELS[colour_type]
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    if colour_type == 3:
        assert palette, "a palette PNG without PLTE"
        rows = [b"".join(palette[3 * i : 3 * i + 3] for i in row) for row in rows]
        channels = 3
    return Image(width, height, channels, rows)
