"""Two builds of the same sources give byte-identical site/, site-library/ and site-library.zip, and
what staff wrote reaches the built pages as text: quotes and & in a title, HTML in the library's name,
decomposed Unicode in a guide (NFC in the page and the search index).

Slow (four builds), so both tests share one fixture that builds each edition twice from one copy
of the project with those inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medborgarguiden import site
from project import LIBRARY, copy_project, mkdocs_build

ROOT = site.ROOT
pytestmark = pytest.mark.slow  # four builds
TITLE = 'Boka "pass" & id-kort'
LIBRARY_NAME = 'Exempel & "Stads" <script>alert(1)</script>'
DECOMPOSED = "Ha\u0308mta passet"  # ä as a + combining diaeresis, as some keyboards and PDFs give it


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, list[dict[str, dict[str, bytes]]]]:
    root = copy_project(tmp_path_factory.mktemp("repro"))
    guide = root / "docs" / "sv" / "pass.md"
    text = guide.read_text(encoding="utf-8")
    text = text.replace("title: Boka tid för pass", f"title: '{TITLE}'", 1)
    text = text.replace("\n## Det här behöver du {#need}", f"\n{DECOMPOSED}.\n\n## Det här behöver du {{#need}}", 1)
    guide.write_text(text, encoding="utf-8")
    library = root / LIBRARY
    library.write_text(library.read_text(encoding="utf-8").replace(
        "name: Exempelbackens bibliotek", f"name: '{LIBRARY_NAME}'", 1), encoding="utf-8")
    # What `make build` / `make library` set: the commit's time instead of the clock.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764331200"}
    results = []
    for run in (1, 2):
        out = {}
        for config, folder in (("mkdocs.yml", "site"), ("mkdocs-library.yml", "site-library")):
            dest = root / f"{folder}-{run}"
            result = mkdocs_build(root, dest, config, env=env)
            assert result.returncode == 0, result.stderr[-3000:]
            out[folder] = tree(dest)
        zip_path = root / f"site-library-{run}.zip"
        # The zip is made from a folder named site-library, as `make library` does.
        staged = root / f"stage-{run}" / "site-library"
        shutil.copytree(root / f"site-library-{run}", staged)
        result = subprocess.run([sys.executable, "scripts/make_zip.py", str(zip_path), str(staged)], cwd=root,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        out["zip"] = {"site-library.zip": zip_path.read_bytes()}
        results.append(out)
    return root, results


def test_two_builds_of_the_same_sources_are_byte_identical(builds):
    _, (first, second) = builds
    for edition in ("site", "site-library", "zip"):
        assert first[edition].keys() == second[edition].keys(), edition
        differ = [name for name in first[edition] if first[edition][name] != second[edition][name]]
        assert not differ, f"{edition}: these files differ between two builds: {differ[:10]}"


def test_staff_text_reaches_the_pages_as_text(builds):
    _, (first, _) = builds
    web = first["site"]
    page = web["pass/index.html"].decode("utf-8")
    escaped = 'Boka &#34;pass&#34; &amp; id-kort'.replace("&#34;", "&quot;")
    assert f"<title>{escaped} - " in page
    assert TITLE not in page  # the raw quotes never close an attribute or a tag
    assert "Hämta passet" in page and DECOMPOSED not in page
    for edition in ("site", "site-library"):
        for name, data in first[edition].items():
            if name.endswith((".html", ".json", ".js")):
                text = data.decode("utf-8", "replace")
                assert "<script>alert(1)</script>" not in text, f"{edition}/{name}"
                assert "\u0308" not in text or not name.startswith(("search", "sv/search")), name
    for lang in ("", "ar/", "ti/"):
        # In right-to-left pages every run of digits is isolated as left-to-right: alert(<bdi …>1</bdi>).
        statement = web[f"{lang}om/tillganglighet/index.html"].decode("utf-8")
        statement = statement.replace('<bdi dir="ltr">', "").replace("</bdi>", "")
        assert "Exempel &amp; &quot;Stads&quot; &lt;script&gt;alert(1)&lt;/script&gt;" in statement \
            or 'Exempel &amp; "Stads" &lt;script&gt;alert(1)&lt;/script&gt;' in statement, lang
    index = json.loads(web["search/search_index.json"])
    texts = json.dumps(index, ensure_ascii=False)
    assert "Hämta passet" in texts and "\u0308" not in texts
