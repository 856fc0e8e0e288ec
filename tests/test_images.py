"""Images: hostile and broken files are located errors; published variants are what the plan says, and clean.

Every hostile file is made here, in ``tmp_path``, with Pillow or by hand
(a PNG header claiming 400 megapixels, a JPEG cut in half, an SVG under a
.png name...), and each must come back as one located problem at the
``image.file`` (or ``image.alt``) that names it. Processing is checked by
reading every published file back with Pillow: its size is the one the
page's ``srcset`` claims, it carries no EXIF, GPS, XMP, ICC or comment, and a
second run with the same cache makes nothing.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO_ROOT, problems
from election_explainers.core.data.loader import LoadCache, load
from election_explainers.core.data.problems import DataError
from election_explainers.core.publish.images import ImageCache, image_outputs, pictures_of
from election_explainers.core.render.pictures import card_variant, event_picture, picture, picture_html, record_picture
from PIL import ExifTags, Image, ImageChops, ImageCms

MakeProject = Callable[..., Path]
STORY = "data/stories/red-wins.yaml"
WHERE = f"{STORY}:5:9: image.file: data/images/"  # where `file:` stands in the story below


def story(file: str, alt: str = "Supporters cheer in a square") -> str:
    return f"""
        title: Red wins
        date: 2020-06-08
        url: https://news.example.org/red
        image:
          file: {file}
          alt: "{alt}"
        about: [red]
    """


def jpeg(size: tuple[int, int] = (640, 480), colour: str = "#3366aa", **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90, **options)
    return out.getvalue()


def png(size: tuple[int, int] = (64, 48), mode: str = "RGB", **options: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#cc3300").save(out, "PNG", **options)
    return out.getvalue()


def webp(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#cc3300").save(out, "WEBP")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` by ``height`` and holds almost nothing: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def with_image(make_project: MakeProject, name: str, content: bytes | None, file: str | None = None) -> Path:
    files: dict[str, str | bytes] = {STORY: story(file or name)}
    if content is not None:
        files[f"data/images/{name}"] = content
    return make_project(files)


# --- hostile and broken files: each a located error ------------------------------------------------------


def test_a_good_image_loads_with_its_size_and_digest(make_project: MakeProject) -> None:
    root = with_image(make_project, "crowd.jpg", jpeg((640, 480)))
    dataset = load(root / "data", root / "docs", root=root)
    found = dataset.images["crowd.jpg"]
    assert (found.width, found.height, found.format, found.alpha) == (640, 480, "JPEG", False)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("crowd.jpg", None, "there is no such file; did you mean 'crowds.jpg'?"),
        ("crowd.jpg", png(), "the file is a PNG image, not a JPEG as its name says: rename it to .png"),
        ("crowd.png", jpeg(), "the file is a JPEG image, not a PNG as its name says: rename it to .jpg"),
        ("crowd.webp", png(), "the file is a PNG image, not a WebP as its name says: rename it to .png"),
        (
            "crowd.jpg",
            b"Just some text, not a picture\n",
            "the file is not a JPEG image: it is not an image Pillow can read; export it as JPEG, PNG or WebP",
        ),
        ("crowd.jpg", b"", "the file is not a JPEG image: it is empty"),
        (
            "crowd.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "the file is not a PNG image: it is an SVG, which is not accepted (an SVG can carry scripts): export it as PNG",
        ),
        (
            "crowd.jpg",
            b"GIF89a" + bytes(40),
            "the file is not a JPEG image: it is a GIF image; export it as JPEG, PNG or WebP",
        ),
        (
            "crowd.png",
            png_header(7000, 7000),
            "the image is too large (7000 x 7000, 49 megapixels): the limit is 40 megapixels, to guard against decompression bombs",
        ),
        (
            "crowd.png",
            png_header(20000, 20000),  # over twice Pillow's own limit: Pillow refuses it as it opens
            "the image is too large: the limit is 40 megapixels, to guard against decompression bombs",
        ),
        (
            "crowd.png",
            png_header(10000, 10000),  # between Pillow's limit and twice it: Pillow only warns
            "the image is too large: the limit is 40 megapixels, to guard against decompression bombs",
        ),
    ],
)
def test_hostile_file_is_a_located_error(
    make_project: MakeProject, name: str, content: bytes | None, message: str
) -> None:
    root = with_image(make_project, name, content)
    if content is None:
        (root / "data/images").mkdir(parents=True)
        (root / "data/images/crowds.jpg").write_bytes(jpeg())
    assert problems(root) == [f"{WHERE}{name}: {message}"]


def test_truncated_jpeg(make_project: MakeProject) -> None:
    whole = jpeg((800, 600), "#884422")
    root = with_image(make_project, "cut.jpg", whole[: len(whole) // 2])
    [problem] = problems(root)
    assert problem.startswith(f"{WHERE}cut.jpg: the image data is truncated or corrupt (image file is truncated")


def test_corrupt_jpeg(make_project: MakeProject) -> None:
    # A real picture (noise compresses to a long stream), then garbage over a stretch in its middle.
    noise = Image.effect_noise((800, 600), 60).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=90)
    data = bytearray(out.getvalue())
    middle = len(data) // 3
    data[middle : middle + 2000] = bytes((0x00, 0xFF) * 1000)  # a stream of bad markers: libjpeg gives up
    root = with_image(make_project, "garbled.jpg", bytes(data))
    [problem] = problems(root)
    assert problem.startswith(f"{WHERE}garbled.jpg: the image data is truncated or corrupt (")


def test_truncated_png_and_webp(make_project: MakeProject) -> None:
    whole_png, whole_webp = png((300, 200)), webp((300, 200))
    root = make_project(
        {
            STORY: story("cut.png"),
            "data/stories/blue-loses.yaml": story("cut.webp").replace("Red wins", "Blue loses"),
            "data/images/cut.png": whole_png[:-20],
            "data/images/cut.webp": whole_webp[:-30],
        }
    )
    found = problems(root)
    assert len(found) == 2, found
    assert found[0].startswith(
        "data/stories/blue-loses.yaml:5:9: image.file: data/images/cut.webp: the image data is truncated or corrupt"
    )
    assert found[1].startswith(f"{WHERE}cut.png: the image data is truncated or corrupt (")


def test_file_over_20_mib_is_refused_before_it_is_read(make_project: MakeProject) -> None:
    root = with_image(make_project, "huge.jpg", jpeg())
    with open(root / "data/images/huge.jpg", "r+b") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: cheap to make, and its size is all the check looks at
    assert problems(root) == [f"{WHERE}huge.jpg: the file is 21.0 MiB, over the limit of 20 MiB: export it smaller"]


def test_link_out_of_the_data_folder(make_project: MakeProject, tmp_path: Path) -> None:
    root = with_image(make_project, "leak.jpg", None)
    secret = tmp_path / "outside" / "secret.jpg"
    secret.parent.mkdir()
    secret.write_bytes(jpeg())
    (root / "data/images").mkdir(parents=True)
    os.symlink(secret, root / "data/images/leak.jpg")
    assert problems(root) == [
        "data/images/leak.jpg:1:1: this is a link to a file outside the data folder; only files inside it are read",
        f"{WHERE}leak.jpg: this is a link to a file outside data/images/; only files inside it are published",
    ]


def test_file_names_that_leave_the_folder_or_are_svg(make_project: MakeProject) -> None:
    root = make_project(
        {
            STORY: story("../people/ann.jpg"),
            "data/stories/blue-loses.yaml": story("logo.svg").replace("Red wins", "Blue loses"),
        }
    )
    assert problems(root) == [
        "data/stories/blue-loses.yaml:5:9: image.file: SVG images are not accepted (an SVG can carry scripts): export it as PNG",
        f"{STORY}:5:9: image.file: '../people/ann.jpg' is not a file name in data/images/: no leading '/', '..' or empty parts",
    ]


@pytest.mark.parametrize(
    ("alt", "message"),
    [
        ("  ", "alt is empty: say what the image shows, for readers who cannot see it"),
        ("crowd.jpg", "alt is just the file name: say what the image shows, for readers who cannot see it"),
        ("Crowd", "alt is just the file name: say what the image shows, for readers who cannot see it"),
    ],
)
def test_alt_must_say_what_the_image_shows(make_project: MakeProject, alt: str, message: str) -> None:
    root = make_project({STORY: story("crowd.jpg", alt), "data/images/crowd.jpg": jpeg()})
    assert problems(root) == [f"{STORY}:6:8: image.alt: {message}"]


def test_what_does_not_belong_in_data_images(make_project: MakeProject) -> None:
    root = make_project(
        {
            "data/images/notes.txt": "remember to crop\n",
            "data/images/logo.svg": "<svg/>",
            "data/images/README.md": "Photos.\n",  # allowed, like everywhere in data/
        }
    )
    assert problems(root) == [
        "data/images/logo.svg:1:1: SVG images are not accepted (an SVG can carry scripts): export it as PNG",
        "data/images/notes.txt:1:1: only JPEG, PNG or WebP images (.jpg, .jpeg, .png, .webp) belong in data/images/",
    ]


def test_every_image_problem_at_once_with_the_other_problems(make_project: MakeProject) -> None:
    event_story = """
        title: Red wins
        date: 2020-06-08
        url: https://news.example.org/red
        about: [red, nobody]
        events:
          - date: 2020-06-07
            title: Polls close
            image:
              file: missing.jpg
              alt: Officials seal a ballot box
    """
    person = """
        name: Ann Smith
        image:
          file: ann.jpg
          alt: Ann Smith speaks at a rally
    """
    root = make_project({STORY: event_story, "data/people/ann-smith.yaml": person, "data/images/ann.jpg": png()})
    assert problems(root) == [
        "data/people/ann-smith.yaml:3:9: image.file: data/images/ann.jpg: "
        "the file is a PNG image, not a JPEG as its name says: rename it to .png",
        f"{STORY}:4:14: about[1]: unknown entity 'nobody'",
        f"{STORY}:9:13: events[0].image.file: data/images/missing.jpg: there is no such file",
    ]


# --- processing: what the plan says exists, clean ---------------------------------------------------


def metadata_jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    """A JPEG carrying everything a camera or an editor leaves in one: EXIF with GPS, XMP, ICC, a comment."""
    left, right = (
        Image.new("RGB", (size[0] // 2, size[1]), "#ff0000"),
        Image.new("RGB", (size[0] // 2, size[1]), "#0000ff"),
    )
    picture = Image.new("RGB", size)
    picture.paste(left, (0, 0))
    picture.paste(right, (size[0] // 2, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SecretCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 15.0, 1.0)
    out = io.BytesIO()
    picture.save(
        out,
        "JPEG",
        quality=92,
        exif=exif.tobytes(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SecretXMP</x:xmpmeta>',
        comment=b"SecretComment",
    )
    return out.getvalue()


def processed(make_project: MakeProject, tmp_path: Path, content: bytes, name: str = "crowd.jpg", workers: int = 1):  # type: ignore[no-untyped-def]
    root = with_image(make_project, name, content)
    dataset = load(root / "data", root / "docs", root=root)
    cache = ImageCache(tmp_path / f"cache-{workers}", workers=workers)
    return dataset, cache, image_outputs(dataset, cache)


def test_variants_on_disk_are_what_the_plan_claims(make_project: MakeProject, tmp_path: Path) -> None:
    dataset, cache, outputs = processed(make_project, tmp_path, metadata_jpeg((2000, 1500)))
    pictures = list(pictures_of(dataset))
    assert [p.crop for p in pictures] == ["full", "square", "wide", "card"]
    full = pictures[0]
    assert [(v.format, v.width, v.height) for v in full.variants] == [
        ("WEBP", 320, 240), ("WEBP", 640, 480), ("WEBP", 1024, 768), ("WEBP", 1600, 1200),
        ("JPEG", 320, 240), ("JPEG", 640, 480), ("JPEG", 1024, 768), ("JPEG", 1600, 1200),
    ]  # fmt: skip
    planned = {v.path: v for p in pictures for v in p.variants}
    assert sorted(planned) == [o.path for o in outputs]
    for output in outputs:
        variant = planned[output.path]
        with Image.open(output.file) as made:
            assert (made.format, made.width, made.height) == (variant.format, variant.width, variant.height)
    card = pictures[3].variants
    assert [(v.format, v.width, v.height) for v in card] == [("JPEG", 1200, 630)]
    assert cache.processed == 1, "one original, decoded once for all its variants"


def test_never_upscaled(make_project: MakeProject, tmp_path: Path) -> None:
    dataset, _cache, outputs = processed(make_project, tmp_path, jpeg((500, 400)))
    full = next(pictures_of(dataset))
    assert [(v.width, v.height) for v in full.of_format("JPEG")] == [(320, 256), (500, 400)]
    for output in outputs:
        with Image.open(output.file) as made:
            assert made.width <= 500 and made.height <= 400


def test_orientation_is_applied(make_project: MakeProject, tmp_path: Path) -> None:
    # Stored 400 wide and 200 high, red on the left; orientation 6 means "turn a quarter clockwise to show".
    dataset, _cache, _outputs = processed(make_project, tmp_path, metadata_jpeg((400, 200), orientation=6))
    found = dataset.images["crowd.jpg"]
    assert (found.width, found.height) == (200, 400)
    full = next(pictures_of(dataset))
    largest = full.largest
    assert (largest.width, largest.height) == (200, 400)
    with Image.open(tmp_path / "cache-1" / largest.path.rsplit("/", 1)[-1]) as made:
        assert made.size == (200, 400)
        top, bottom = made.convert("RGB").getpixel((100, 20)), made.convert("RGB").getpixel((100, 380))
    assert top[0] > 200 and top[2] < 60, f"the red half should be on top, got {top}"
    assert bottom[2] > 200 and bottom[0] < 60, f"the blue half should be at the bottom, got {bottom}"


SECRETS = (b"SecretCam", b"SecretXMP", b"SecretComment", b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"ICC_PROFILE")


@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_no_metadata_leaves(make_project: MakeProject, tmp_path: Path, kind: str) -> None:
    if kind == "jpeg":
        content, name = metadata_jpeg((900, 600), orientation=3), "crowd.jpg"
    else:
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "SecretComment")
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "SecretCam"
        content = png(
            (900, 600),
            "RGBA",
            pnginfo=text,
            exif=exif.tobytes(),
            icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        )
        name = "crowd.png"
    _dataset, _cache, outputs = processed(make_project, tmp_path, content, name)
    assert outputs
    for output in outputs:
        raw = output.file.read_bytes()
        with Image.open(io.BytesIO(raw)) as made:
            assert not made.getexif(), output.path
            assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment"} & made.info.keys()
        for secret in SECRETS:
            assert secret not in raw, f"{secret!r} is in {output.path}"
    formats = {Image.open(o.file).format for o in outputs}
    assert formats == ({"WEBP", "JPEG"} if kind == "jpeg" else {"WEBP", "PNG"})


def test_a_warm_cache_makes_nothing(make_project: MakeProject, tmp_path: Path) -> None:
    dataset, cold, outputs = processed(make_project, tmp_path, jpeg((1200, 900)))
    assert cold.processed == 1 and cold.written == len(outputs) == 21
    stamps = {o.path: o.file.stat().st_mtime_ns for o in outputs}
    warm = ImageCache(tmp_path / "cache-1", workers=1)
    again = image_outputs(dataset, warm)
    assert (warm.processed, warm.written) == (0, 0)
    assert again == outputs
    assert {o.path: o.file.stat().st_mtime_ns for o in again} == stamps


def test_one_and_two_workers_make_the_same_bytes(make_project: MakeProject, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {STORY: story("a.jpg")}
    for i, (name, content) in enumerate(
        [("a.jpg", metadata_jpeg((1700, 1000), 6)), ("b.png", png((800, 800), "RGBA")), ("c.webp", webp((700, 500)))]
    ):
        files[f"data/images/{name}"] = content
        if i:
            files[f"data/stories/s{i}.yaml"] = story(name).replace("Red wins", f"Story {i}")
    root = make_project(files)
    dataset = load(root / "data", root / "docs", root=root)
    one, two = ImageCache(tmp_path / "one", workers=1), ImageCache(tmp_path / "two", workers=2)
    first, second = image_outputs(dataset, one), image_outputs(dataset, two)
    assert two.processed == 3
    assert [o.path for o in first] == [o.path for o in second]
    for a, b in zip(first, second, strict=True):
        assert a.file.read_bytes() == b.file.read_bytes(), a.path


def test_focus_moves_the_crop(make_project: MakeProject, tmp_path: Path) -> None:
    root = with_image(make_project, "wide.jpg", jpeg((1600, 800)))
    dataset = load(root / "data", root / "docs", root=root)
    image, source = dataset.records["red-wins"].image, dataset.images["wide.jpg"]
    assert image is not None
    left = picture(image.model_copy(update={"focus": [0.0, 0.5]}), source, "square")
    right = picture(image.model_copy(update={"focus": [0.9, 0.5]}), source, "square")
    assert left.variants[0].box == (0, 0, 800, 800)
    assert right.variants[0].box == (800, 0, 1600, 800)  # as far right as it goes
    assert left.variants[0].path != right.variants[0].path


def test_picture_html(make_project: MakeProject, tmp_path: Path) -> None:
    hostile = """
        title: Red wins
        date: 2020-06-08
        url: https://news.example.org/red
        image:
          file: crowd.jpg
          alt: 'A sign reads "<script>" & more'
          caption: Cheers <b>loud</b>
          credit: AP & Co
          source_url: https://x.example/a?b=1&c=2
    """
    root = make_project({STORY: hostile, "data/images/crowd.jpg": jpeg((1100, 800))})
    dataset = load(root / "data", root / "docs", root=root)
    full = next(pictures_of(dataset))
    html = str(picture_html(full, lambda path: f"../../{path}", sizes="100vw"))
    assert html.startswith('<figure><picture><source type="image/webp" srcset="../../images/')
    assert 'alt="A sign reads &#34;&lt;script&gt;&#34; &amp; more"' in html
    assert 'width="1100" height="800"' in html and 'loading="lazy" decoding="async"' in html
    assert "1100w" in html and "1600w" not in html
    assert "Cheers &lt;b&gt;loud&lt;/b&gt;" in html and "AP &amp; Co" in html
    assert 'href="https://x.example/a?b=1&amp;c=2"' in html
    lead = str(picture_html(full, lead=True, figure=False))
    assert lead.startswith("<picture>") and 'loading="eager" fetchpriority="high"' in lead


# --- the example's illustrations ------------------------------------------------------------------


def test_illustrations_regenerate_the_same_pixels(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO_ROOT / "tests" / "fixtures"))
    try:
        import illustrations
    finally:
        sys.path.pop(0)
    written = illustrations.write_all(tmp_path)
    assert written
    for path in written:
        shipped = REPO_ROOT / "data" / "images" / path.name
        with Image.open(path) as fresh, Image.open(shipped) as kept:
            assert fresh.size == kept.size and fresh.mode == kept.mode
            assert ImageChops.difference(fresh, kept).getbbox() is None, f"{path.name} differs from the shipped one"
    total = sum((REPO_ROOT / "data" / "images" / p.name).stat().st_size for p in written)
    assert total < 400_000


def test_record_and_event_pictures_and_the_card(make_project: MakeProject) -> None:
    with_event = (
        story("crowd.jpg")
        + """
        events:
          - date: 2020-06-07
            title: Polls close
            image:
              file: hall.png
              alt: Officials count ballots in a hall
    """
    )
    root = make_project({STORY: with_event, "data/images/crowd.jpg": jpeg((2400, 1600)), "data/images/hall.png": png()})
    dataset = load(root / "data", root / "docs", root=root)
    red_wins, red = dataset.records["red-wins"], dataset.records["red"]
    card = card_variant(dataset, red_wins)
    assert card is not None and (card.format, card.width, card.height) == ("JPEG", 1200, 630)
    assert card_variant(dataset, red) is None and record_picture(dataset, red) is None
    square = record_picture(dataset, red_wins, "square")
    assert square is not None and {(v.width, v.height) for v in square.variants} == {(160, 160), (320, 320), (640, 640)}
    event = event_picture(dataset, red_wins.events[0])
    assert event is not None and [(v.format, v.width) for v in event.variants] == [("WEBP", 64), ("JPEG", 64)]


def test_a_changed_image_changes_its_records_fingerprint(make_project: MakeProject) -> None:
    root = with_image(make_project, "crowd.jpg", jpeg(colour="#112233"))
    before = load(root / "data", root / "docs", root=root)
    (root / "data/images/crowd.jpg").write_bytes(jpeg(colour="#445566"))
    after = load(root / "data", root / "docs", root=root)
    assert after.changed_since(before) == {"red-wins"}


def test_a_file_name_with_a_control_character(make_project: MakeProject) -> None:
    root = make_project({STORY: story('"crowd\\0.jpg"')})
    assert problems(root) == [
        f"{STORY}:5:9: image.file: 'crowd\\x00.jpg' is not a file name: it holds a tab, newline or control character"
    ]


def test_a_kept_check_is_reused_until_the_file_changes(make_project: MakeProject) -> None:
    root = with_image(make_project, "crowd.jpg", jpeg())
    cache = LoadCache()
    load(root / "data", root / "docs", root=root, cache=cache)
    load(root / "data", root / "docs", root=root, cache=cache)
    assert cache.images.opened == 1
    path = root / "data/images/crowd.jpg"
    path.write_bytes(png())  # the same name, now the wrong format: checked again, and refused
    with pytest.raises(DataError, match="the file is a PNG image, not a JPEG"):
        load(root / "data", root / "docs", root=root, cache=cache)
    assert cache.images.opened == 2
