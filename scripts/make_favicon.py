"""Draw static/img/favicon.ico (16, 32, 48 px) from the same shapes as static/img/favicon.svg.

Pillow cannot read SVG, so the icon's few shapes are drawn again here, at 8x and
scaled down. Run: .venv/bin/python scripts/make_favicon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "favicon.ico"
RED, WHITE = (185, 28, 28, 255), (255, 255, 255, 255)
S = 8  # supersampling: the SVG's 64-unit box drawn at 512 px


def _round_line(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], width: float) -> None:
    pts = [(x * S, y * S) for x, y in points]
    draw.line(pts, fill=WHITE, width=round(width * S), joint="curve")
    r = width * S / 2
    for x, y in (pts[0], pts[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)


def draw() -> Image.Image:
    image = Image.new("RGBA", (64 * S, 64 * S), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((0, 0, 64 * S - 1, 64 * S - 1), radius=14 * S, fill=RED)
    stroke = 7
    # M20 24h18 a12 12 0 0 1 0 24 H25: a line, a half circle on the right, a line back.
    _round_line(d, [(20, 24), (38, 24)], stroke)
    half = stroke * S / 2
    box = ((38 - 12) * S - half, 24 * S - half, (38 + 12) * S + half, 48 * S + half)
    # Pillow's arc box is the outer edge; an ellipse ring drawn as a thick arc.
    d.arc(box, start=-90, end=90, fill=WHITE, width=round(stroke * S))
    _round_line(d, [(38, 48), (25, 48)], stroke)
    # M29 15 l-9 9 9 9: the arrow head.
    _round_line(d, [(29, 15), (20, 24), (29, 33)], stroke)
    return image


def main() -> None:
    image = draw()
    image.save(OUT, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
