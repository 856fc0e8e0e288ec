"""Images: check and process N photos of 4000 by 3000 pixels, cold and warm, and the peak memory.

    .venv/bin/python benchmarks/images.py                    # 500 images (and 50, for the memory comparison)
    .venv/bin/python benchmarks/images.py --count 100 --small 20 --keep

Each run writes a project of N stories, each with its own 4000 x 3000 JPEG
(a gradient, shapes and its number, so no two are alike), then, each in a
fresh child process (so its peak memory is its own):

- *validate*: ``load()``, which checks every image from its header and a
  decode at an eighth of the size;
- *cold*: every variant made, with an empty cache, on every core;
- *warm*: the same again with the cache the cold run filled.

Targets: the warm run does no image work (no original decoded, no file
written), and peak memory is bounded: the cold run's peak (the parent's and
the largest worker's, ``getrusage`` self and children) at N images is no more
than 1.5 times its peak at the small count. Synthetic pictures compress better
than photos (about 0.3 MB against 3 to 6 MB for a camera's JPEG), so real
photos decode a little slower; the work per pixel is the same.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

SIZE = (4000, 3000)


def make_project(folder: Path, count: int) -> None:
    from PIL import Image, ImageDraw

    base = Image.radial_gradient("L").resize(SIZE).convert("RGB")
    (folder / "data" / "images").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "stories").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        picture = base.copy()
        pen = ImageDraw.Draw(picture)
        hue = (i * 37) % 255
        pen.rectangle((200 + i % 40 * 50, 300, 2200 + i % 40 * 50, 2000), fill=(hue, 120, 255 - hue))
        pen.ellipse((2400, 600, 3600, 1800), fill=(255 - hue, hue, 90))
        pen.text((300, 2300), f"Benchmark picture {i}", fill=(0, 0, 0), font_size=160)
        picture.save(folder / "data" / "images" / f"photo-{i}.jpg", "JPEG", quality=85)
        (folder / "data" / "stories" / f"story-{i}.yaml").write_text(
            f"title: Story {i}\ndate: 2021-01-10\nurl: https://news.example.org/{i}\n"
            f"image:\n  file: photo-{i}.jpg\n  alt: A coloured rectangle and circle numbered {i}\n"
            f"  focus: [0.4, 0.5]\n",
            encoding="utf-8",
        )


def child(project: Path, cache: Path, step: str) -> None:
    """One step, in this (fresh) process; prints its figures as JSON."""
    if step.startswith("make:"):
        make_project(project, int(step.removeprefix("make:")))
        print("{}")
        return
    from election_explainers.core.data.loader import load
    from election_explainers.core.publish.images import ImageCache, image_outputs

    started = time.perf_counter()
    dataset = load(project / "data")
    loaded = time.perf_counter()
    figures: dict[str, float] = {"validate_s": loaded - started, "images": len(dataset.images)}
    if step != "validate":
        images = ImageCache(cache)
        outputs = image_outputs(dataset, images)
        figures |= {
            "process_s": time.perf_counter() - loaded,
            "processed": images.processed,
            "written": images.written,
            "outputs": len(outputs),
            "bytes": sum(o.file.stat().st_size for o in outputs),
        }
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures |= {"self_mib": own, "workers_mib": workers, "peak_mib": max(own, workers)}
    print(json.dumps(figures))


def run_step(project: Path, cache: Path, step: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", step, str(project), str(cache)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(workdir: Path, count: int) -> dict[str, dict[str, float]]:
    project, cache = workdir / f"project-{count}", workdir / f"cache-{count}"
    started = time.perf_counter()
    # In a child too: a child's peak memory starts at its parent's size when it forks.
    run_step(project, cache, f"make:{count}")
    print(f"  {count} pictures of {SIZE[0]} x {SIZE[1]} written in {time.perf_counter() - started:.0f} s", flush=True)
    results = {step: run_step(project, cache, step) for step in ("validate", "cold", "warm")}
    for step, figures in results.items():
        print(f"  {count:>4} {step:<8} " + ", ".join(f"{k} {v:,.2f}" for k, v in figures.items()), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--small", type=int, default=50, help="the count to compare peak memory with")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "PROJECT", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[1]), Path(args.child[2]), args.child[0])
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-images-"))
    print(f"Images benchmark in {workdir} on {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    try:
        small = measure(workdir, args.small)
        large = measure(workdir, args.count)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    cold, warm = large["cold"], large["warm"]
    idle = warm["processed"] == 0 and warm["written"] == 0
    ratio = cold["peak_mib"] / small["cold"]["peak_mib"]
    print()
    print(f"validate {args.count} images: {large['validate']['validate_s']:.1f} s")
    print(
        f"cold: {cold['process_s']:.1f} s for {cold['processed']:.0f} originals, "
        f"{cold['written']:,.0f} files ({cold['bytes'] / 1e6:.0f} MB), "
        f"{cold['process_s'] / max(cold['processed'], 1) * (os.cpu_count() or 1):.2f} s of a core per original"
    )
    print(f"warm: {warm['process_s']:.2f} s, {warm['processed']:.0f} originals decoded, {warm['written']:.0f} written")
    print(f"target: warm does no image work .......... {'PASS' if idle else 'MISS'}")
    print(
        f"target: peak memory bounded ............... {'PASS' if ratio <= 1.5 else 'MISS'} "
        f"({cold['peak_mib']:.0f} MiB at {args.count}, {small['cold']['peak_mib']:.0f} MiB at {args.small}: "
        f"{ratio:.2f}x for {args.count / args.small:.0f}x the images; parent {cold['self_mib']:.0f} MiB, "
        f"largest worker {cold['workers_mib']:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
