"""The preview staff use while editing (`medborgarguiden serve`): it starts on the port they choose, a
busy port gives one line with another port to use, a mistake is shown in the browser page in Swedish
(file:line and what to write) and the page comes back by itself once the file is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from project import copy_project
from medborgarguiden.preview import free_port_after

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 120) -> tuple[int, str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            status, body = get(url)
        except OSError:
            status, body = 0, ""
        if text in body:
            return status, body
        time.sleep(0.1)
    pytest.fail(f"{url} never showed {text!r}; last answer {status}: {body[:500]}")


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port_after(18900)
    server = subprocess.Popen([sys.executable, "-m", "medborgarguiden", "serve", "--port", str(port)],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/medborgarguiden/"
    wait_for(base, "<html")
    yield project, port, base
    server.terminate()
    server.wait(timeout=30)


def test_a_busy_port_says_which_port_to_use_instead(preview):
    project, port, _ = preview
    result = subprocess.run([sys.executable, "-m", "medborgarguiden", "serve", "--port", str(port)], cwd=project,
                            env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port} is busy" in lines[0] and "--port " in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_mistake_shows_in_the_page_in_swedish_and_the_page_comes_back_when_fixed(preview):
    project, _, base = preview
    guide = project / "docs" / "en" / "cv.md"
    good = guide.read_text(encoding="utf-8")
    wait_for(f"{base}en/cv/", "Citizen Guide")  # opening a language builds it
    guide.write_text(good.replace("(service:", "(service:no-such-key-", 1), encoding="utf-8")
    status, page = wait_for(f"{base}en/cv/", "Sidan kunde inte byggas")
    assert status == 500 and 'lang="sv"' in page
    assert "docs/en/cv.md" in page and "unknown service" in page and "services.yml" in page
    assert "Rätta filen och spara den" in page and "Traceback" not in page
    assert "/livereload/" in page, "the error page must reload by itself once the build works"
    # Every page shows it, not only the one with the mistake.
    assert "Sidan kunde inte byggas" in get(base)[1]
    guide.write_text(good.replace("\n# ", "\n# Fixed ", 1), encoding="utf-8")
    status, page = wait_for(f"{base}en/cv/", "Fixed ")
    assert status == 200 and "Sidan kunde inte byggas" not in page


def test_a_change_to_services_yml_is_picked_up(preview):
    project, _, base = preview
    registry = project / "services.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + "\nthis is: [not valid\n", encoding="utf-8")
    _, page = wait_for(f"{base}cv/", "Sidan kunde inte byggas")
    assert "services.yml" in page
    registry.write_text(text, encoding="utf-8")
    wait_for(f"{base}cv/", "<title>")


def test_busy_port_check_without_a_preview():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "medborgarguiden", "serve", "--port", str(port)],
                                env=ENV, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
