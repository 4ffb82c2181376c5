"""Draws the app icons (PNG, no dependency): a white helm ring on blue.
Run once; the PNGs are committed in public/icons/."""
import math, struct, zlib, sys, os

def png(size, path):
    blue, white = (0x1D, 0x4F, 0x73), (255, 255, 255)
    rows = []
    c = size / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            dx, dy = x + 0.5 - c, y + 0.5 - c
            r = math.hypot(dx, dy) / size
            angle = math.atan2(dy, dx)
            spoke = r < 0.40 and r > 0.12 and min(abs(((angle / (math.pi / 4)) % 1) - 0), abs(((angle / (math.pi / 4)) % 1) - 1)) * r * 8 < 0.035
            ring = 0.19 < r < 0.27
            row += bytes(white if (ring or spoke) else blue)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))

out = sys.argv[1] if len(sys.argv) > 1 else "public/icons"
os.makedirs(out, exist_ok=True)
for s in (192, 512):
    png(s, f"{out}/icon-{s}.png")
