"""Draw the app icons of "save for offline" (PNG, 192 and 512 px, and a maskable 512) from
src/caseatlas/offline/icons/icon.svg, in Chromium. Run once after changing the SVG; the PNGs are committed.

    .venv/bin/python scripts/offline_icons.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "src/caseatlas/offline/icons"


def main() -> None:
    svg = (ICONS / "icon.svg").read_text("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for name, px, pad in (("icon-192.png", 192, 0), ("icon-512.png", 512, 0), ("icon-maskable-512.png", 512, 0.1)):
            page = browser.new_page(viewport={"width": px, "height": px})
            inner = round(px * (1 - 2 * pad))
            # maskable: the drawing inside the safe zone, on the icon's own colour to the edges
            page.set_content(
                f'<body style="margin:0;background:{"#00695c" if pad else "transparent"};display:grid;'
                f'place-items:center;width:{px}px;height:{px}px">'
                f'<div style="width:{inner}px;height:{inner}px">{svg}</div></body>'
            )
            page.screenshot(path=str(ICONS / name), omit_background=not pad)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
