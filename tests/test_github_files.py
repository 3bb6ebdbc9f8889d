"""The GitHub files that run the staff workflow: every YAML file under .github/ parses, the workflows
start on the right events and do their job, and the "report a problem" link on the pages fills in
fields the issue form really has (a renamed field would silently drop the page's address)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
FORMS = GITHUB / "ISSUE_TEMPLATE"
YAML_FILES = sorted(p for p in GITHUB.rglob("*") if p.suffix in (".yml", ".yaml"))
# The workflows of the staff workflow (linkcheck.yml has its own owner and tests).
OURS = ("pr.yml", "deploy.yml", "release.yml")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in steps(workflow) if "uses" in step]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(GITHUB)))
def test_every_github_yaml_file_parses(path):
    assert isinstance(load(path), dict), f"{path.relative_to(ROOT)} should be a YAML mapping"


def test_the_staff_workflow_files_exist():
    for name in [*(f"workflows/{w}" for w in OURS), "ISSUE_TEMPLATE/guide-problem.yml",
                 "ISSUE_TEMPLATE/new-guide.yml", "ISSUE_TEMPLATE/config.yml",
                 "PULL_REQUEST_TEMPLATE.md", "dependabot.yml"]:
        assert (GITHUB / name).is_file(), f".github/{name} is missing"


@pytest.mark.parametrize("name", OURS)
def test_actions_are_pinned_by_commit_with_the_version_in_a_comment(name):
    lines = [line.strip() for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+", line), (
            f"{name}: '{line}' should be pinned by the full commit, with the version in a comment, like "
            "actions/checkout@<40 hex digits>  # v6.1.0 (Dependabot keeps both up to date)")


@pytest.mark.parametrize("name", OURS)
def test_every_job_has_only_the_permissions_it_needs(name):
    workflow = load(WORKFLOWS / name)
    assert workflow["permissions"] == {}, f"{name}: give permissions per job, none for the whole workflow"
    allowed = {"contents": {"read", "write"}, "pages": {"read", "write"}, "id-token": {"write"}}
    for job_name, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict) and permissions, f"{name}: job '{job_name}' has no permissions"
        assert all(value in allowed.get(key, ()) for key, value in permissions.items()), (name, job_name)


def test_the_build_jobs_install_only_what_building_needs(tmp_path):
    """make build / make library / make libraries (deploy.yml, release.yml) install requirements.txt and the project's
    package; the test and benchmark tools (requirements-dev.txt) only come with make test / make bench."""
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for target in ("build", "library", "libraries", "serve", "validate"):
        dry = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True)
        assert dry.returncode == 0, dry.stderr
        assert "-r requirements.txt" in dry.stdout and "-e ." in dry.stdout, target
        assert "requirements-dev.txt" not in dry.stdout, f"make {target} installs the test tools"
    dry = subprocess.run(["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True)
    assert "requirements-dev.txt" in dry.stdout


def test_a_pull_request_is_tested_in_chromium_and_leaves_a_preview():
    workflow = load(WORKFLOWS / "pr.yml")
    assert "pull_request" in triggers(workflow)
    job = next(iter(workflow["jobs"].values()))
    # Python 3.11 on Debian, so apt installs Debian's chromium (the browser the tests drive).
    assert "python:3.11" in str(job.get("container", "")) or any(
        step.get("with", {}).get("python-version") == "3.11" for step in steps(workflow))
    script = runs(workflow)
    assert re.search(r"apt-get install[^\n]*\bchromium\b", script)
    assert "make test" in script
    assert re.search(r"make (build library|library)", script)
    # The container runs as root on a checkout owned by another user: git must be told it is safe,
    # or the translation-history tests find no history and skip while the check stays green.
    assert 'git config --global --add safe.directory "$GITHUB_WORKSPACE"' in script
    assert script.index("safe.directory") < script.index("make test")
    uploaded = [step["with"]["path"] for step in steps(workflow)
                if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert any(path.rstrip("/") == "site" for path in uploaded), "the web edition is not kept"
    assert "site-library.zip" in uploaded, "site-library.zip is not kept"


def test_main_is_published_to_pages_at_the_address_pages_gives():
    workflow = load(WORKFLOWS / "deploy.yml")
    on = triggers(workflow)
    assert "main" in on["push"]["branches"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in workflow["jobs"]["build"]["permissions"].values(), "the build job needs no write access"
    actions = [a.split("@")[0] for a in uses(workflow)]
    for needed in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert needed in actions, f"deploy.yml does not use {needed}"
    build = next(step for step in steps(workflow) if "make libraries" in step.get("run", ""))
    configure = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/configure-pages@"))
    assert f"steps.{configure['id']}.outputs.base_url" in build["env"]["SITE_URL"]
    # The translations page in the site needs the history to tell which translations are out of date.
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout.get("with", {}).get("fetch-depth") == 0


def test_site_url_comes_from_SITE_URL_with_the_current_address_as_default(monkeypatch):
    from mkdocs.config import load_config

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^site_url: !ENV \[SITE_URL, "https://[^"]+"\]$', text, re.M)
    monkeypatch.setenv("SITE_URL", "https://staff.example/guides/")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://staff.example/guides/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"].startswith("https://")


def test_a_published_release_gets_the_library_zip():
    workflow = load(WORKFLOWS / "release.yml")
    assert triggers(workflow)["release"]["types"] == ["published"]
    assert workflow["jobs"]["library"]["permissions"]["contents"] == "write"
    script = runs(workflow)
    assert "make library" in script
    # The handouts' QR codes point at the web edition: the real address, not mkdocs.yml's default.
    build = next(step for step in steps(workflow) if "make library" in step.get("run", ""))
    configure = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/configure-pages@"))
    assert f"steps.{configure['id']}.outputs.base_url" in build["env"]["SITE_URL"]
    assert re.search(r"gh release upload \S+ site-library\.zip", script)


def test_dependabot_updates_python_packages_and_actions_weekly():
    updates = {u["package-ecosystem"]: u for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert {"pip", "github-actions"} <= updates.keys()
    for ecosystem in ("pip", "github-actions"):
        assert updates[ecosystem]["schedule"]["interval"] == "weekly"


@pytest.mark.parametrize("path", [p for p in sorted(FORMS.glob("*.yml")) if p.name != "config.yml"],
                         ids=lambda p: p.name)
def test_issue_forms_have_labelled_fields_in_swedish_and_english(path):
    form = load(path)
    assert form["name"] and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)), f"{path.name}: field ids must be unique"
    for item in fields:
        label = item["attributes"]["label"]
        assert re.search(r"\(.+\)$", label), f"{path.name}: '{label}' should end with the English in parentheses"


def test_the_pull_request_checklist_is_in_swedish_then_english():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    swedish, _, english = text.partition("Check before you ask for a review")
    assert english, "the English checklist is missing"
    for part, words in ((swedish, ("validate.py", "checked:", "translation:", "services.yml", "förhandsvisning")),
                        (english, ("validate.py", "checked:", "translation:", "services.yml", "preview"))):
        items = [line for line in part.splitlines() if line.startswith("- [ ]")]
        assert len(items) == 5
        for word in words:
            assert any(word in item for item in items), f"no checklist item about {word}"


def form_fields(template: str) -> dict[str, str]:
    """Field id -> type of the issue form that `template=` names."""
    form = load(FORMS / template)
    return {item["id"]: item["type"] for item in form["body"] if "id" in item}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def report_link(html_file: Path) -> str:
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    links = [h for h in parser.hrefs if "/issues/new?" in h]
    assert len(links) == 1, f"{html_file}: expected one 'report a problem' link, found {links}"
    return links[0]


def test_the_report_link_fills_in_fields_the_issue_form_has(web_site):
    query = parse_qs(urlsplit(report_link(web_site / "en" / "pass" / "index.html")).query)
    template = query.pop("template")[0]
    assert template == "guide-problem.yml"
    query.pop("title")
    fields = form_fields(template)
    for key in query:
        # GitHub fills in text fields from the query; it cannot fill a dropdown or checkboxes.
        assert fields.get(key) in ("input", "textarea"), (
            f"the link fills in '{key}', but {template} has no text field with that id")
    assert {"page", "language"} <= query.keys()
