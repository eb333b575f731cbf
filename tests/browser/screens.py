"""Screenshots compared with the baselines committed in tests/browser/baselines, to catch layout regressions.

Each page is shot full-page at a fixed viewport, with animations off and the caret hidden; the times a page
shows of when something was stored (`.clock`) are masked, since they are the one thing a run changes. The
shot and its baseline are compared after halving both (which evens out anti-aliasing), counting the pixels
whose colour moved by more than THRESHOLD; more than TOLERANCE of them, or another page size, fails the test
and leaves `<name>.diff.png` (changed pixels in red over the faded baseline) among the artefacts.

`make baselines` (or PACTUM_REFRESH_BASELINES=1) writes the baselines anew from this machine's Chromium.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).parent
BASELINES = HERE / "baselines"
BROWSER = BASELINES / "browser.json"  # the Chromium the baselines were made with, named in a failure
REFRESH = os.environ.get("PACTUM_REFRESH_BASELINES") == "1"
THRESHOLD = 48  # of 255, in any channel
TOLERANCE = 0.005  # share of (halved) pixels allowed to differ
MASK = "#ff00ff"


class LayoutChanged(AssertionError):
    """A page no longer looks like its baseline."""


def changed_share(shot: Image.Image, baseline: Image.Image) -> tuple[float, Image.Image]:
    """The share of pixels that differ beyond THRESHOLD (both halved first), and the mask of them."""
    half = (max(1, shot.width // 2), max(1, shot.height // 2))
    a = shot.convert("RGB").resize(half, Image.Resampling.BOX)
    b = baseline.convert("RGB").resize(half, Image.Resampling.BOX)
    r, g, bl = ImageChops.difference(a, b).split()
    most = ImageChops.lighter(ImageChops.lighter(r, g), bl)  # the largest move of any channel
    moved = most.point(lambda v: 255 if v > THRESHOLD else 0)
    return moved.histogram()[255] / (half[0] * half[1]), moved.resize(shot.size, Image.Resampling.NEAREST)


def diff_image(shot: Image.Image, baseline: Image.Image, moved: Image.Image | None) -> Image.Image:
    """The baseline faded, the changed pixels in red; for another size, both side by side."""
    if moved is None:
        out = Image.new("RGB", (shot.width + baseline.width + 10, max(shot.height, baseline.height)), "red")
        out.paste(baseline.convert("RGB"), (0, 0))
        out.paste(shot.convert("RGB"), (baseline.width + 10, 0))
        return out
    faded = Image.blend(baseline.convert("RGB"), Image.new("RGB", baseline.size, "white"), 0.7)
    return Image.composite(Image.new("RGB", shot.size, (220, 0, 0)), faded, moved)


def compare(shot_path: Path, name: str, browser_version: str, artefacts: Path) -> None:
    """Compare a shot with its baseline (or, refreshing, make it the baseline)."""
    baseline_path = BASELINES / f"{name}.png"
    if REFRESH:
        BASELINES.mkdir(exist_ok=True)
        baseline_path.write_bytes(shot_path.read_bytes())
        BROWSER.write_text(json.dumps({"chromium": browser_version}, indent=2) + "\n")
        return
    if not baseline_path.exists():
        raise LayoutChanged(f"no baseline for {name}: run `make baselines` and commit {baseline_path}")
    made_with = json.loads(BROWSER.read_text()).get("chromium") if BROWSER.exists() else "unknown"
    shot, baseline = Image.open(shot_path), Image.open(baseline_path)
    see = f"see {name}.diff.png; baselines made with Chromium {made_with}, this is {browser_version}"
    if shot.size != baseline.size:
        diff_image(shot, baseline, None).save(artefacts / f"{name}.diff.png")
        raise LayoutChanged(f"{name}: the page is {shot.width}x{shot.height}, its baseline "
                            f"{baseline.width}x{baseline.height} ({see})")
    share, moved = changed_share(shot, baseline)
    if share > TOLERANCE:
        diff_image(shot, baseline, moved).save(artefacts / f"{name}.diff.png")
        raise LayoutChanged(f"{name}: {share:.2%} of the page differs from its baseline (tolerance "
                            f"{TOLERANCE:.2%}; {see})")
