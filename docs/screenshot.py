"""Screenshot the seed report for the README: reports/report.html -> docs/report.png.

    claimcheck compare corpus/ --out reports/ && python docs/screenshot.py

Uses the system's headless Chromium and chromedriver (Debian: apt-get install chromium
chromium-driver) through Selenium; never downloads a browser. Captures the top 1400 x 1400 pixels.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "reports" / "report.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1400)
    args = parser.parse_args()
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        print("screenshot.py: no chromium/chromedriver on PATH (apt-get install chromium chromium-driver)", file=sys.stderr)
        return 2
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (*ARGS, f"--window-size={args.width},{args.height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.set_window_size(args.width, args.height)
        driver.get(args.html.resolve().as_uri())
        # Make the viewport exactly width x height (the window frame takes some of the window size).
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        driver.set_window_size(2 * args.width - inner[0], 2 * args.height - inner[1])
        driver.save_screenshot(str(args.out))
    finally:
        driver.quit()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
