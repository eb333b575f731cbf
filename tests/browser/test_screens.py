"""The screenshot comparison itself, on images drawn here: what passes, what fails, what a failure leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.browser import screens


def page_image(box_at: int = 40, size: tuple[int, int] = (200, 100), speckles: int = 0) -> Image.Image:
    """A white page with a dark block at `box_at`, and a few single-pixel specks of rendering noise."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((box_at, 20, box_at + 60, 60), fill=(11, 79, 138))
    for i in range(speckles):
        draw.point((5 + 7 * i, 90), fill=(120, 120, 120))
    return image


@pytest.fixture
def folders(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    baselines, artefacts = tmp_path / "baselines", tmp_path / "artefacts"
    baselines.mkdir()
    artefacts.mkdir()
    monkeypatch.setattr(screens, "BASELINES", baselines)
    monkeypatch.setattr(screens, "BROWSER", baselines / "browser.json")
    monkeypatch.setattr(screens, "REFRESH", False)
    return baselines, artefacts


def given(folders, baseline: Image.Image, shot: Image.Image) -> Path:
    baselines, artefacts = folders
    baseline.save(baselines / "page.png")
    shot.save(artefacts / "page.png")
    return artefacts / "page.png"


def test_the_same_page_passes_and_leaves_no_diff(folders):
    path = given(folders, page_image(), page_image())

    screens.compare(path, "page", "1.0", folders[1])

    assert not (folders[1] / "page.diff.png").exists()


def test_rendering_noise_within_the_tolerance_passes(folders):
    path = given(folders, page_image(), page_image(speckles=10))

    screens.compare(path, "page", "1.0", folders[1])


def test_a_moved_block_fails_and_leaves_the_changed_pixels_in_red(folders):
    path = given(folders, page_image(box_at=40), page_image(box_at=70))

    # halved, 100x50: the block spans columns 20-50 then 35-65 (50 and 65 half covered) and rows 10-30, so
    # columns 20-34 and 50-65 differ in 21 rows: 31 * 21 / 5000
    with pytest.raises(screens.LayoutChanged, match=r"page: 13\.02% of the page differs"):
        screens.compare(path, "page", "1.0", folders[1])

    diff = Image.open(folders[1] / "page.diff.png").convert("RGB")
    assert diff.getpixel((45, 40)) == (220, 0, 0)  # where the block was
    assert diff.getpixel((125, 40)) == (220, 0, 0)  # where it is now
    assert diff.getpixel((10, 10)) == (255, 255, 255)  # unchanged white stays white


def test_another_page_size_fails_and_shows_both_side_by_side(folders):
    path = given(folders, page_image(), page_image(size=(200, 130)))

    with pytest.raises(screens.LayoutChanged, match="the page is 200x130, its baseline 200x100"):
        screens.compare(path, "page", "1.0", folders[1])

    assert Image.open(folders[1] / "page.diff.png").size == (410, 130)


def test_a_page_without_a_baseline_fails_and_says_how_to_make_one(folders):
    folders[1].joinpath("new.png").write_bytes(b"")

    with pytest.raises(screens.LayoutChanged, match="no baseline for new: run `make baselines`"):
        screens.compare(folders[1] / "new.png", "new", "1.0", folders[1])


def test_refreshing_makes_the_shot_the_baseline_and_names_the_browser(folders, monkeypatch):
    monkeypatch.setattr(screens, "REFRESH", True)
    path = given(folders, page_image(box_at=40), page_image(box_at=70))

    screens.compare(path, "page", "156.0", folders[1])

    assert (folders[0] / "page.png").read_bytes() == path.read_bytes()
    assert (folders[0] / "browser.json").read_text() == '{\n  "chromium": "156.0"\n}\n'
