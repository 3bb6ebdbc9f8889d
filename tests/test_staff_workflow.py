"""What library staff do to keep the guides right, without programming: start a guide in every
language (scripts/new_guide.py), add a language (scripts/new_language.py), see which translations lag
behind the Swedish text (scripts/translations.py and the staff page personal/oversattningar/), and
mark a translation reviewed by editing and committing it.

Each test works in a temporary git repository that is a copy of this project (the files git tracks
and new files it does not ignore, as they are in the working tree), committed by a fixed author, and drives the commands as
subprocesses, the way a person runs them. Two tests build a copy with mkdocs (the slow part)."""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from axe import violations
from medborgarguiden.guides import split_front_matter
from medborgarguiden.safe_write import WriteError, write_all
from project import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
NEW_SLUG = "lana-dator"
WRITTEN_STEP = "Gå till datorerna vid entrén."  # a step of the new guide, written after it was made
CHANGED_SLUG = "skriva-ut"  # the Swedish guide the tests change, making its translations outdated


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_AUTHOR_NAME": "Medborgarguiden tests", "GIT_AUTHOR_EMAIL": "tests@medborgarguiden.invalid",
        "GIT_COMMITTER_NAME": "Medborgarguiden tests", "GIT_COMMITTER_EMAIL": "tests@medborgarguiden.invalid",
        # The person's own git settings (hooks, signing, templates) stay out of the test repositories.
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
        "COLUMNS": "100",  # the text table's width, whatever the terminal pytest runs in
    })
    return env


ENV = _env()


class Project:
    """A copy of the project in its own git repository."""

    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def copy_of_this_one(cls, dest: Path) -> "Project":
        project = cls(copy_project(dest))
        project.git("init", "-q", "-b", "main")
        project.commit("The project as it is")
        return project

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True, env=ENV)
        assert result.returncode == 0, f"git {' '.join(args)} failed: {result.stderr}"
        return result.stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def run(self, script: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(self.path / "scripts" / script), *args],
                              cwd=cwd or self.path, capture_output=True, text=True, env=ENV, timeout=300)

    def status(self, *args: str) -> dict[tuple[str, str], dict]:
        result = self.run("translations.py", "--json", *args)
        assert result.returncode == 0, result.stderr
        return {(r["slug"], r["lang"]): r for r in json.loads(result.stdout)}

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.path / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} has no {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def snapshot(self) -> dict[str, str]:
        """Every file (outside .git) and its SHA-256."""
        return {
            str(p.relative_to(self.path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.path.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(self.path).parts
        }

    def build(self, out: Path) -> Path:
        result = mkdocs_build(self.path, out, env=ENV)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build of the copy failed:\n{result.stdout}\n{result.stderr}")
        return out

    def languages(self) -> list[str]:
        # Run in the copy: the package reads the project in the current folder.
        code = "import json; from medborgarguiden import site; print(json.dumps([l.code for l in site.languages()]))"
        out = subprocess.run([sys.executable, "-c", code], cwd=self.path, capture_output=True, text=True, env=ENV,
                             check=True)
        return json.loads(out.stdout)


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    """A refusal: non-zero exit, one line saying why, no Python traceback."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one clear line, got:\n{result.stderr}"
    for word in words:
        assert word in lines[0], f"{word!r} not in: {lines[0]}"


class _Links(HTMLParser):
    """The links of a page: all of them, and those in the navigation menus."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.nav_hrefs, self._nav = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._nav += 1
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if self._nav:
                self.nav_hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav -= 1


def links(html_file: Path) -> _Links:
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


class _Grid(HTMLParser):
    """The status page's table: {(slug, lang): visible text}, and each row's 'checked' cell."""

    def __init__(self):
        super().__init__()
        self.cells: dict[tuple[str, str], str] = {}
        self.checked: dict[str, str] = {}
        self.caption = ""
        self.header_scopes: list[str | None] = []
        self._in = None  # what we are reading: "caption", "code", ("cell", lang), "checked"
        self._slug = None
        self._in_grid = False
        self._column = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "mg-status-grid" in (attrs.get("class") or ""):
            self._in_grid = True
        if not self._in_grid:
            return
        if tag == "caption":
            self._in, self._text = "caption", []
        elif tag == "th":
            self.header_scopes.append(attrs.get("scope"))
        elif tag == "tr":
            self._column = 0
        elif tag == "code" and self._slug is None:
            self._in, self._text = "code", []
        elif tag == "td":
            self._column += 1
            self._in = ("cell", attrs["data-lang"]) if "data-lang" in attrs else "checked"
            self._text = []

    def handle_endtag(self, tag):
        if not self._in_grid:
            return
        if tag == "table":
            self._in_grid = False
        elif tag == "caption":
            self.caption, self._in = "".join(self._text).strip(), None
        elif tag == "code" and self._in == "code":
            self._slug, self._in = "".join(self._text).strip(), None
        elif tag == "td" and self._in:
            text = " ".join("".join(self._text).split())
            if self._in == "checked":
                self.checked[self._slug] = text
            else:
                self.cells[(self._slug, self._in[1])] = text
            self._in = None
        elif tag == "tr":
            self._slug = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def status_page_labels() -> tuple[dict[str, str], str]:
    """The status page's words (LABEL, STALE), read from the hook's source without running it."""
    tree = ast.parse((ROOT / "overrides" / "hooks" / "status_page.py").read_text(encoding="utf-8"))
    values = {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name)}
    return ast.literal_eval(values["LABEL"]), ast.literal_eval(values["STALE"])


# --- One story, built once: a new guide, a change to a Swedish guide, one translation reviewed. ---

def tell_story(folder: Path) -> dict:
    project = Project.copy_of_this_one(folder / "project")
    made = project.run("new_guide.py", NEW_SLUG, "--title", "Låna en dator på biblioteket",
                       "--label", "Låna dator", "--errand", "computers",
                       "--description", "Så lånar du en av bibliotekets datorer.")
    project.commit(f"Add the guide {NEW_SLUG}")
    before_change = project.status()
    # The Swedish guide is written after the copies were made: they must show this text, not the template's.
    write_guide(project.path / "docs" / "sv" / f"{NEW_SLUG}.md", WRITTEN_STEP)
    project.commit(f"Write the guide {NEW_SLUG}")
    # A reviewed translation that the Swedish change below makes outdated: visitors are told.
    project.edit(f"docs/ru/{CHANGED_SLUG}.md", "translation: machine", "translation: reviewed")
    project.commit("A person reviewed the Russian printing guide")
    project.edit(f"docs/sv/{CHANGED_SLUG}.md", "## Få hjälp {#help}\n",
                 "## Få hjälp {#help}\n\n- Skrivaren har en egen knapp för hjälp. Tryck på den.\n")
    project.commit("The Swedish printing guide: the printer's help button")
    after_change = project.status()
    project.edit(f"docs/en/{CHANGED_SLUG}.md", "translation: machine", "translation: reviewed")
    project.commit("A person reviewed the English printing guide")
    after_review = project.status()
    # Persian: checked against the new Swedish text, nothing to change.
    marked = project.run("translations.py", "--mark-current", f"fa/{CHANGED_SLUG}")
    project.commit("The Persian printing guide is still right")
    after_mark = project.status()
    site = project.build(folder / "site")
    return {
        "project": str(project.path), "site": str(site), "languages": project.languages(),
        "made": {"returncode": made.returncode, "stdout": made.stdout, "stderr": made.stderr},
        "before_change": list(before_change.values()), "after_change": list(after_change.values()),
        "after_review": list(after_review.values()), "after_mark": list(after_mark.values()),
        "marked": {"returncode": marked.returncode, "stdout": marked.stdout, "stderr": marked.stderr},
    }


@pytest.fixture(scope="module")
def story(once_per_run) -> SimpleNamespace:
    """The story's results: the first test worker tells the story (and builds the site) for all."""
    data = once_per_run("staff-workflow-story", tell_story)

    def by_key(records):
        return {(r["slug"], r["lang"]): r for r in records}

    return SimpleNamespace(
        project=Project(Path(data["project"])), site=Path(data["site"]), languages=data["languages"],
        made=SimpleNamespace(**data["made"]), before_change=by_key(data["before_change"]),
        after_change=by_key(data["after_change"]), after_review=by_key(data["after_review"]),
        after_mark=by_key(data["after_mark"]), marked=SimpleNamespace(**data["marked"]))


def write_guide(path: Path, step: str) -> None:
    """Fill in every placeholder of a guide made from the template, as staff do."""
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    body = ("\n# Låna en dator på biblioteket\n\nSå lånar du en av bibliotekets datorer.\n\n"
            "## Det här behöver du {#need}\n\n- [ ] Ditt lånekort.\n\n"
            f"## Gör så här {{#steps}}\n\n1. {step}\n2. Logga in med ditt lånekort.\n\n"
            "## Om det inte fungerar {#problems}\n\n- Fråga personalen.\n\n"
            "## Få hjälp {#help}\n\n- Fråga personalen på biblioteket.\n")
    path.write_text("---\n" + front + "---\n" + body, encoding="utf-8")


def test_an_untranslated_page_shows_the_swedish_guide_as_it_is_now_and_no_date(story):
    for lang in story.languages[1:]:
        html = (story.site / lang / NEW_SLUG / "index.html").read_text(encoding="utf-8")
        assert WRITTEN_STEP in html, f"{lang}: the page does not show the Swedish guide as written"
        assert "Skriv ett steg per rad" not in html and "SKRIV HÄR" not in html, f"{lang}: template text shown"
        assert "mg-checked" not in html, f"{lang}: a 'last checked' date on a page nobody translated"
        assert 'class="mg-notice"' in html


def test_a_reviewed_translation_older_than_the_swedish_guide_says_so(story):
    assert story.after_review[(CHANGED_SLUG, "ru")]["state"] == "outdated"
    outdated = (story.site / "ru" / CHANGED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "mg-outdated" in outdated and "Шведское руководство изменилось" in outdated
    current = (story.site / "en" / CHANGED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "mg-outdated" not in current


def test_mark_current_records_the_check_and_clears_outdated(story):
    assert story.marked.returncode == 0, story.marked.stderr
    assert f"docs/fa/{CHANGED_SLUG}.md" in story.marked.stdout
    text = (story.project.path / "docs" / "fa" / f"{CHANGED_SLUG}.md").read_text(encoding="utf-8")
    assert re.search(r'^source_checked: "[0-9a-f]{12}"$', text, re.M)
    assert story.after_review[(CHANGED_SLUG, "fa")]["state"] == "outdated"
    assert story.after_mark[(CHANGED_SLUG, "fa")]["state"] == "machine"
    assert story.after_mark[(CHANGED_SLUG, "uk")]["state"] == "outdated", "only the marked one is cleared"
    page = (story.site / "fa" / CHANGED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "mg-outdated" not in page


def test_a_new_guide_is_made_in_every_language_and_says_what_to_do_next(story):
    assert story.made.returncode == 0, story.made.stderr
    for lang in story.languages:
        text = (story.project.path / "docs" / lang / f"{NEW_SLUG}.md").read_text(encoding="utf-8")
        assert "# Låna en dator på biblioteket" in text
        assert f"translation: {'source' if lang == 'sv' else 'needed'}" in text
    out = story.made.stdout
    assert f"docs/sv/{NEW_SLUG}.md" in out and "medborgarguiden validate" in out and "translations.py" in out
    assert "git switch -c" in out, "the hint must commit on a branch of its own, not on main"
    states = {story.before_change[(NEW_SLUG, lang)]["state"] for lang in story.languages[1:]}
    assert states == {"needed"}


def test_a_new_guide_is_on_every_start_page_and_in_the_menu(story):
    for lang in story.languages:
        base = story.site if lang == "sv" else story.site / lang
        assert (base / NEW_SLUG / "index.html").is_file(), f"{lang}: the guide was not built"
        start = links(base / "index.html")
        assert f"{NEW_SLUG}/" in start.hrefs, f"{lang}: no tile for the new guide on the start page"
        assert f"{NEW_SLUG}/" in start.nav_hrefs, f"{lang}: the new guide is not in the menu"


def test_an_untranslated_copy_shows_the_notice_and_is_marked_as_swedish(story):
    html = (story.site / "ar" / NEW_SLUG / "index.html").read_text(encoding="utf-8")
    assert 'class="mg-notice"' in html
    assert '<div lang="sv" dir="ltr"><h1' in html


def test_the_side_by_side_page_of_an_untranslated_copy_is_whole_and_says_swedish(story):
    html = (story.site / "ar" / f"{NEW_SLUG}-sv" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<div class="mg-sbs">'):html.index("</article>")]
    start = '<div class="mg-sbs__row"'
    rows = [start + row for row in body.split(start)[1:]]
    assert len(rows) >= 4
    for row in rows[:-1]:  # every row closes what it opens …
        assert row.count("<div") == row.count("</div>"), row[:200]
    assert rows[-1].count("</div>") == rows[-1].count("<div") + 1  # … the last also closes the table
    # Both columns hold Swedish text, and both say so: the copy is not translated yet.
    assert re.findall(r'<div class="mg-sbs__col" lang="(\w+)"', body) == ["sv"] * (2 * len(rows))


def test_changing_a_swedish_guide_makes_its_translations_outdated(story):
    for lang in story.languages[1:]:
        assert story.before_change[(CHANGED_SLUG, lang)]["state"] == "machine"
        record = story.after_change[(CHANGED_SLUG, lang)]
        assert record["state"] == "outdated", lang
        assert record["source_commit"] != record["translation_commit"]
    assert story.after_change[("cv", "en")]["state"] == "machine", "an unchanged guide became outdated"


def test_marking_a_translation_reviewed_clears_outdated_for_that_language_only(story):
    assert story.after_review[(CHANGED_SLUG, "en")]["state"] == "reviewed"
    for lang in story.languages[2:]:
        assert story.after_review[(CHANGED_SLUG, lang)]["state"] == "outdated", lang


def test_the_json_report_has_one_record_per_guide_and_language(story):
    records = story.after_review
    slugs = {slug for slug, _ in records}
    assert len(records) == len(slugs) * len(story.languages)
    record = records[(CHANGED_SLUG, "en")]
    assert set(record) == {"slug", "lang", "state", "source_commit", "translation_commit", "checked",
                           "stale_check"}
    assert re.fullmatch(r"[0-9a-f]{40}", record["translation_commit"])
    assert records[(CHANGED_SLUG, "sv")]["state"] == "source"


def test_the_status_page_shows_the_same_states_as_the_json_report(story):
    labels, stale_label = status_page_labels()
    grid = _Grid()
    grid.feed((story.site / "personal" / "oversattningar" / "index.html").read_text(encoding="utf-8"))
    expected = {key: labels[r["state"]] for key, r in story.after_mark.items() if r["lang"] != "sv"}
    assert grid.cells == expected
    for (slug, lang), record in story.after_mark.items():
        if lang == "sv":
            assert (stale_label in grid.checked[slug]) == record["stale_check"]
            assert record["checked"] in grid.checked[slug]
    assert grid.caption
    assert grid.header_scopes and set(grid.header_scopes) <= {"col", "row"}


def test_the_status_page_is_kept_away_from_visitors(story):
    page = story.site / "personal" / "oversattningar" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    for lang in story.languages:
        start = story.site / ("index.html" if lang == "sv" else f"{lang}/index.html")
        assert not any("oversattningar" in href for href in links(start).hrefs), lang
    assert "oversattningar" not in (story.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "oversattningar" not in (story.site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_status_page_passes_axe(story, page):
    page.goto((story.site / "personal" / "oversattningar" / "index.html").as_uri())
    assert violations(page) == []


# --- Quick checks on a fresh copy each, no build. ---

@pytest.fixture
def project(tmp_path) -> Project:
    return Project.copy_of_this_one(tmp_path / "project")


def test_the_same_guide_twice_changes_nothing_and_says_why(project):
    first = project.run("new_guide.py", NEW_SLUG, "--title", "Låna en dator")
    assert first.returncode == 0, first.stderr
    before = project.snapshot()
    again = project.run("new_guide.py", NEW_SLUG, "--title", "Något annat")
    assert_refused(again, "already exists", "nothing was changed")
    assert again.returncode == 1
    assert project.snapshot() == before


def test_a_guide_that_exists_in_one_language_only_is_not_overwritten(project):
    stray = project.path / "docs" / "fa" / "ny-guide.md"
    stray.write_text("someone's unfinished work\n", encoding="utf-8")
    before = project.snapshot()
    result = project.run("new_guide.py", "ny-guide", "--title", "Ny guide")
    assert_refused(result, "docs/fa/ny-guide.md")
    assert project.snapshot() == before


@pytest.mark.parametrize("slug, suggestion", [("skriva ut", "skriva-ut"), ("låna-bok", "lana-bok"),
                                              ("Översätta", "oversatta")])
def test_a_guide_name_with_spaces_or_swedish_letters_gets_an_ascii_suggestion(project, slug, suggestion):
    before = project.snapshot()
    result = project.run("new_guide.py", slug, "--title", "Titel")
    assert_refused(result, f"'{suggestion}'")
    assert result.returncode == 2
    assert project.snapshot() == before


def test_a_missing_template_is_named_and_nothing_is_written(project):
    (project.path / "scripts" / "templates" / "guide.md").unlink()
    before = project.snapshot()
    result = project.run("new_guide.py", NEW_SLUG, "--title", "Låna en dator")
    assert_refused(result, "scripts/templates/guide.md")
    assert project.snapshot() == before


def test_new_language_names_a_missing_file_to_copy_from_and_writes_nothing(project):
    (project.path / "overrides" / "strings" / "en.yml").unlink()
    before = project.snapshot()
    result = project.run("new_language.py", "pl", "--name", "Polski")
    assert_refused(result, "overrides/strings/en.yml")
    assert project.snapshot() == before


@pytest.mark.parametrize("code, words", [("xx", ["'xx'", "not a known language code"]),
                                         ("english", ["two-letter"]),
                                         ("en", ["already has the language 'en'"])])
def test_an_unknown_or_existing_language_code_is_refused(project, code, words):
    before = project.snapshot()
    result = project.run("new_language.py", code, "--name", "Något")
    assert_refused(result, *words)
    assert project.snapshot() == before


# "Outside the repo" means: the script is not in the scripts/ folder of a Medborgarguiden checkout
# (its parent folder has no mkdocs.yml). The folder a person runs it from does not matter: the
# commands always work on the project they belong to.
@pytest.mark.parametrize("script, args", [("new_guide.py", [NEW_SLUG, "--title", "Låna en dator"]),
                                          ("new_language.py", ["pl", "--name", "Polski"]),
                                          ("translations.py", [])])
@pytest.mark.parametrize("how", ["script alone", "scripts folder without the project"])
def test_a_command_outside_the_project_says_so(tmp_path, script, args, how):
    elsewhere = tmp_path / "elsewhere"
    if how == "script alone":
        (elsewhere / "tools").mkdir(parents=True)
        shutil.copy2(ROOT / "scripts" / script, elsewhere / "tools" / script)
        command = elsewhere / "tools" / script
    else:
        shutil.copytree(ROOT / "scripts", elsewhere / "scripts",
                        ignore=shutil.ignore_patterns("__pycache__"))
        command = elsewhere / "scripts" / script
    before = sorted(p for p in elsewhere.rglob("*"))
    result = subprocess.run([sys.executable, str(command), *args], cwd=elsewhere,
                            capture_output=True, text=True, env=ENV, timeout=60)
    assert_refused(result, "no Medborgarguiden project")
    assert sorted(p for p in elsewhere.rglob("*")) == before


def test_the_commands_work_on_their_own_project_from_any_folder(project):
    result = project.run("translations.py", "--json", cwd=Path("/"))
    assert result.returncode == 0, result.stderr
    assert {r["lang"] for r in json.loads(result.stdout)} == set(project.languages())


def test_uncommitted_swedish_changes_count_as_the_newest(project):
    project.edit("docs/sv/cv.md", "## Få hjälp {#help}\n", "## Få hjälp {#help}\n\n- Ny rad.\n")
    status = project.status()
    assert status[("cv", "en")]["state"] == "outdated"
    assert status[("cv", "sv")]["source_commit"] is None
    # The translator updates the English text too, not yet committed: it is as new as the Swedish.
    project.edit("docs/en/cv.md", "## Get help {#help}\n", "## Get help {#help}\n\n- A new line.\n")
    status = project.status()
    assert status[("cv", "en")]["state"] == "machine"
    assert status[("cv", "ar")]["state"] == "outdated"


def test_a_guide_whose_facts_are_old_is_listed_for_a_check(project):
    guide = project.path / "docs" / "sv" / "cv.md"
    guide.write_text(re.sub(r"^checked: .*$", "checked: 2020-01-01", guide.read_text(encoding="utf-8"),
                            count=1, flags=re.M), encoding="utf-8")
    status = project.status()
    assert status[("cv", "sv")]["checked"] == "2020-01-01" and status[("cv", "sv")]["stale_check"]
    assert not status[("1177", "sv")]["stale_check"]
    assert not project.status("--max-age-days", "100000")[("cv", "sv")]["stale_check"]
    table = project.run("translations.py")
    assert table.returncode == 0
    assert "Facts due for a check" in table.stdout and "cv (2020-01-01)" in table.stdout


def test_the_table_has_a_row_per_guide_a_legend_and_next_steps(project):
    result = project.run("translations.py")
    assert result.returncode == 0, result.stderr
    rows = [line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    guides = sorted(p.stem for p in (project.path / "docs" / "sv").glob("*.md") if p.stem != "index")
    assert [row for row in rows if row in guides] == guides
    assert "What the words mean" in result.stdout and "Next:" in result.stdout
    assert re.search(r"translation:\s+reviewed", result.stdout)


def test_a_failed_write_takes_back_what_was_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be\n", encoding="utf-8")
    first = tmp_path / "docs" / "a.md"
    with pytest.raises(WriteError):
        write_all({first: "first\n", blocker / "b.md": "second\n"})
    assert not first.exists() and not (tmp_path / "docs").exists()


# --- A new language, built (the second and last build of these tests). ---

@pytest.mark.slow  # builds a copy of the project
def test_a_new_language_is_hidden_until_switched_on_then_published(project, tmp_path):
    """Dari (prs): a three-letter code that Babel and Material do not know, right to left."""
    config_before = (project.path / "mkdocs.yml").read_text(encoding="utf-8")
    before = project.snapshot()
    result = project.run("new_language.py", "prs", "--name", "Dari", "--rtl")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "build: false" in result.stdout and "Babel does not know 'prs'" in result.stdout

    config_after = (project.path / "mkdocs.yml").read_text(encoding="utf-8")
    lines_before, lines_after = config_before.splitlines(), config_after.splitlines()
    changes = [op for op in difflib.SequenceMatcher(a=lines_before, b=lines_after, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert [op[0] for op in changes] == ["insert"], "mkdocs.yml changed more than the new entry"
    added = lines_after[changes[0][3]:changes[0][4]]
    assert added[0].strip() == "- locale: prs" and len(added) <= 5
    assert any(line.strip().startswith("build: false") for line in added)
    assert project.languages()[-1] == "prs"

    partial = (project.path / "overrides" / "partials" / "languages" / "prs.html").read_text(encoding="utf-8")
    assert '"language": "prs"' in partial and '"direction": "rtl"' in partial and "TRANSLATE" in partial
    strings = (project.path / "overrides" / "strings" / "prs.yml").read_text(encoding="utf-8")
    assert strings.startswith("# TRANSLATE")
    after = project.snapshot()
    assert {path for path in before if after[path] != before[path]} == {"mkdocs.yml"}
    new = {path for path in after if path not in before}
    assert {path for path in new if not path.startswith("docs/prs/")} == {
        "overrides/strings/prs.yml", "overrides/partials/languages/prs.html"}
    swedish = {p.name for p in (project.path / "docs" / "sv").glob("*.md")}
    assert {f"docs/prs/{name}" for name in swedish} <= new
    assert project.status()[("cv", "prs")]["state"] == "needed"
    assert project.run("validate.py").returncode == 0

    # Hidden: not built, not in the language menu, the sitemap or the search index.
    hidden = project.build(tmp_path / "hidden")
    assert not (hidden / "prs").exists()
    assert "prs/" not in (hidden / "sitemap.xml").read_text(encoding="utf-8")
    assert not any(href.rstrip("/").endswith("/prs") or "/prs/" in href for href in links(hidden / "index.html").hrefs)

    # Switched on by staff: published, right to left, in the language menu.
    project.edit("mkdocs.yml", "build: false", "build: true")
    site = project.build(tmp_path / "site")
    start = site / "prs" / "index.html"
    html = start.read_text(encoding="utf-8")
    assert '<html lang="prs"' in html and 'dir="rtl"' in html
    assert "cv/" in links(start).hrefs
    assert "/prs/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert any("prs/" in href for href in links(site / "index.html").hrefs)
    guide = (site / "prs" / "cv" / "index.html").read_text(encoding="utf-8")
    assert 'class="mg-notice"' in guide and "mg-checked" not in guide
