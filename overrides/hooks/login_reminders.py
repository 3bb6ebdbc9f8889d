"""Remind visitors how to leave a shared computer safely, on guides that send them to an e-service
with a login (BankID or another): a box before the guide's steps (front matter `eservice:`), in
both editions. The library-PC edition (`extra: login_link_reminders`, mkdocs-library.yml) also puts
a short reminder before each link to such an e-service (services.yml `login: true`): log out, close
the browser, do not save the password, and delete downloaded files from the Downloads folder. At
home, people use their own phone or computer.

Links are found by registry key, not by address (several keys share an authority's start page):
before hooks/service_links.py turns `[text](service:KEY)` into a URL, a marker character goes in
front of each login link; after Markdown, the reminder goes at the start of the list item (or
before the paragraph) holding the marker, and the marker is removed."""

import bisect
import re

from mkdocs.plugins import event_priority
from medborgarguiden.registry import load_registry
from medborgarguiden.side_by_side import direction
from medborgarguiden.site import ROOT
from medborgarguiden.ui_strings import strings

MARKER = "\ue000"  # a private-use character: never in a guide, passes through Markdown unchanged
LOGIN_LINK = re.compile(r"\[[^\]\n]*\]\(service:([a-z0-9-]+)\)")
BLOCK = re.compile(r"<(li|p)(?:\s[^>]*)?>")

_login_keys: set[str] = set()


def on_pre_build(config, **kwargs):
    global _login_keys
    registry = load_registry(ROOT / "services.yml")
    _login_keys = {key for key, service in registry.services.items() if service.login}


def mark_login_links(markdown: str, login_keys: set[str]) -> str:
    return LOGIN_LINK.sub(lambda m: MARKER + m.group(0) if m.group(1) in login_keys else m.group(0), markdown)


def steps_box_html(lang: str, text_not_translated: bool) -> str:
    """The box before the steps. On a page whose text is still Swedish (partials/content.html marks
    it lang="sv"), the box is in the page's own language and says so itself."""
    ui = strings(lang)
    own = f' lang="{lang}" dir="{direction(lang)}"' if text_not_translated else ""
    return (f'<div class="admonition warning mg-shared-pc"{own} role="note">'
            f'<p class="admonition-title">{ui["shared_pc_title"]}</p>'
            f'<p>{ui["shared_pc_text"]}</p></div>')


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
    if not config.extra.get("login_link_reminders"):
        return markdown
    return mark_login_links(markdown, _login_keys)


def on_page_content(page_html, page, config, files, **kwargs):
    lang = config.theme["language"]
    if page.meta.get("eservice"):
        box = steps_box_html(lang, page.meta.get("translation") == "needed")
        page_html = page_html.replace('<h2 id="steps"', box + '<h2 id="steps"', 1)
    if not config.extra.get("login_link_reminders"):
        return page_html
    return add_reminders(page_html, reminder_html(lang))
