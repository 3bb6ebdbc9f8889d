"""The GitHub files that run the staff workflow: every YAML file under .github/ parses, the workflows
start on the right events and do their job, and the "report a problem" link on the pages fills in
fields the issue form really has (a renamed field would silently drop the page's address)."""

from __future__ import annotations

import re
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
def test_actions_are_pinned_by_major_version(name):
    for action in uses(load(WORKFLOWS / name)):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), (
            f"{name}: '{action}' should be pinned by its major version tag, like actions/checkout@v6")


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
    uploaded = [step["with"]["path"] for step in steps(workflow)
                if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert any(path.rstrip("/") == "site" for path in uploaded), "the web edition is not kept"
    assert "site-library.zip" in uploaded, "site-library.zip is not kept"


def test_main_is_published_to_pages_at_the_address_pages_gives():
    workflow = load(WORKFLOWS / "deploy.yml")
    on = triggers(workflow)
    assert "main" in on["push"]["branches"]
    assert {"pages": "write", "id-token": "write"}.items() <= workflow["permissions"].items()
    actions = [a.split("@")[0] for a in uses(workflow)]
    for needed in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert needed in actions, f"deploy.yml does not use {needed}"
    build = next(step for step in steps(workflow) if "make build" in step.get("run", ""))
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
    assert workflow["permissions"]["contents"] == "write"
    script = runs(workflow)
    assert "make library" in script
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
