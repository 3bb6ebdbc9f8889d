"""The weekly workflow finds its own issue by the marker its report starts with, never
by label alone, and leaves the issue alone when the network was unreachable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from medborgarguiden.linkcheck.report import MARKER, own_issue

ROOT = Path(__file__).resolve().parents[1]
BOT = {"login": "app/github-actions", "is_bot": True}
PERSON = {"login": "bibliotekarie", "is_bot": False}


def test_the_workflows_own_issue_is_found_by_its_marker():
    issues = [
        {"number": 4, "body": "Länken till CSN är trasig, kan någon titta?", "author": PERSON},
        {"number": 9, "body": f"{MARKER}\n# Link check: 2 links need attention", "author": BOT},
    ]
    assert own_issue(issues) == 9


def test_a_persons_issue_is_never_taken_even_with_the_label_or_a_quoted_report():
    issues = [
        {"number": 4, "body": "Trasiga länkar", "labels": [{"name": "linkcheck"}], "author": PERSON},
        {"number": 5, "body": f"Se rapporten:\n\n> {MARKER}\n> # Link check", "author": PERSON},
        {"number": 6, "body": f"{MARKER}\nCopied the whole report into my own issue", "author": PERSON},
    ]
    assert own_issue(issues) is None


def test_the_command_prints_the_number_or_nothing(tmp_path):
    script = ROOT / "scripts" / "linkcheck_issue.py"
    listing = tmp_path / "open.json"
    listing.write_text(json.dumps([{"number": 12, "body": MARKER + "\n# Link check", "author": BOT}]))
    found = subprocess.run([sys.executable, str(script), str(listing)], capture_output=True, text=True)
    assert (found.returncode, found.stdout) == (0, "12\n")
    listing.write_text(json.dumps([{"number": 13, "body": "Min fråga", "author": PERSON}]))
    none = subprocess.run([sys.executable, str(script), str(listing)], capture_output=True, text=True)
    assert (none.returncode, none.stdout) == (0, "")
    listing.write_text("inte json")
    bad = subprocess.run([sys.executable, str(script), str(listing)], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "open.json" in bad.stderr


def test_the_workflow_uses_the_marker_and_skips_the_issue_when_the_network_is_unreachable():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "linkcheck.yml").read_text())
    steps = {step.get("name"): step for step in workflow["jobs"]["linkcheck"]["steps"]}
    issue_step = steps["Open, update or close the issue"]
    assert issue_step["if"] == "steps.check.outputs.status == '0' || steps.check.outputs.status == '1'"
    assert "scripts/linkcheck_issue.py" in issue_step["run"]
    assert "--label" not in issue_step["run"].split("gh issue list", 1)[1].split("\n", 1)[0]
