"""Library-PC edition only: before each link to an e-service that needs BankID or another login
(services.yml `login: true`), a short reminder for a computer the next visitor will use: log out,
close the browser, do not save the password, and delete downloaded files from the Downloads folder.

The web edition keeps only the one reminder box before a guide's steps (hooks/guide_pages.py):
at home, people use their own phone or computer.

Links are found by registry key, not by address (several keys share an authority's start page):
before hooks/service_links.py turns `[text](service:KEY)` into a URL, a marker character goes in
front of each login link; after Markdown, the reminder goes at the start of the list item (or
before the paragraph) holding the marker, and the marker is removed."""

import bisect
import re

from guide_pages import strings  # the UI strings of each language (a sibling hook, read-only use)
from mkdocs.plugins import event_priority
from medborgarguiden.registry import load_registry
from medborgarguiden.site import ROOT

MARKER = "\ue000"  # a private-use character: never in a guide, passes through Markdown unchanged
LOGIN_LINK = re.compile(r"\[[^\]\n]*\]\(service:([a-z0-9-]+)\)")
BLOCK = re.compile(r"<(li|p)(?:\s[^>]*)?>")

_login_keys: set[str] = set()


def _library_edition(config) -> bool:
    return config.extra.get("edition") == "library"


def on_pre_build(config, **kwargs):
    global _login_keys
    registry = load_registry(ROOT / "services.yml")
    _login_keys = {key for key, service in registry.services.items() if service.login}


def mark_login_links(markdown: str, login_keys: set[str]) -> str:
    return LOGIN_LINK.sub(lambda m: MARKER + m.group(0) if m.group(1) in login_keys else m.group(0), markdown)


def reminder_html(lang: str) -> str:
    ui = strings(lang)
    return (f'<div class="mg-login-reminder" role="note"><p><strong>{ui["login_reminder_title"]}</strong> '
            f'{ui["login_reminder_text"]}</p></div>')


def add_reminders(page_html: str, reminder: str) -> str:
    """One reminder for each list item or paragraph holding a marked link: at the start of the
    list item (so it stays inside its step), or just before the paragraph."""
    if MARKER not in page_html:
        return page_html
    blocks = list(BLOCK.finditer(page_html))
    starts = [b.start() for b in blocks]
    insert_at = set()
    for marker in re.finditer(MARKER, page_html):
        i = bisect.bisect_left(starts, marker.start()) - 1
        if i < 0:
            insert_at.add(marker.start())
            continue
        block = blocks[i]
        insert_at.add(block.end() if block.group(1) == "li" else block.start())
    for position in sorted(insert_at, reverse=True):
        page_html = page_html[:position] + reminder + page_html[position:]
    return page_html.replace(MARKER, "")


@event_priority(50)  # before hooks/service_links.py replaces service:KEY with the address
def on_page_markdown(markdown, page, config, files, **kwargs):
    if not _library_edition(config):
        return markdown
    return mark_login_links(markdown, _login_keys)


def on_page_content(page_html, page, config, files, **kwargs):
    if not _library_edition(config):
        return page_html
    return add_reminders(page_html, reminder_html(config.theme["language"]))
