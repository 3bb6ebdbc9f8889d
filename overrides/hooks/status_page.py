"""A page for library staff: every guide × every language, what state the translation is in and what
to do next, and which guides' facts are due for a check.

The page is made at build time from scripts/medborgarguiden/translation_status.py (the same report
as `python scripts/translations.py`), so it is never out of date and nobody has to edit it. It is in
the Swedish site only, at personal/oversattningar/, and kept away from visitors: not in the menus,
not in the search (`search: exclude`), not in the sitemap, and `noindex` for search engines. An
edition that leaves out docs/sv/personal/ (exclude_docs) gets no status page either.

Colours are a help, never the only sign: every cell says its state in words.
"""

from __future__ import annotations

import datetime as dt
import html

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from medborgarguiden.build_languages import default_language, language_names
from medborgarguiden.facts import check_facts
from medborgarguiden.freshness import Due, due_for_check
from medborgarguiden.guides import load_guides
from medborgarguiden.registry import load_registry
from medborgarguiden.site import ROOT
from medborgarguiden.translation_status import STATES, Report, collect

PAGE = "personal/oversattningar.md"  # below the default language's folder

# Swedish words for each state: what it is, and what to do (the staff who keep the guides right
# read this page; the command-line report says the same in English).
LABEL = {
    "missing": "saknas",
    "invalid": "fel i filen",
    "outdated": "inaktuell",
    "needed": "inte översatt",
    "machine": "maskinöversatt",
    "reviewed": "granskad",
}
MEANING = {
    "missing": "Det finns ingen fil för språket.",
    "invalid": "Filens uppgifter överst (front matter) går inte att läsa.",
    "outdated": "Den svenska guiden har ändrats efter att översättningen ändrades senast.",
    "needed": "Sidan är en kopia av den svenska texten. Ingen har översatt den ännu.",
    "machine": "Maskinöversatt. Ingen person har granskat översättningen.",
    "reviewed": "En person som kan språket har granskat översättningen.",
}
TODO = {
    "missing": "Kopiera den svenska guiden till språkets mapp, skriv translation: needed och översätt den.",
    "invalid": "Kör python scripts/validate.py och rätta det som står där.",
    "outdated": "Uppdatera översättningen efter den svenska texten (historiken för den svenska filen på "
                "GitHub visar vad som ändrats) och spara (commit).",
    "needed": "Översätt texten och ändra translation: needed till translation: machine "
              "(eller reviewed om en person har översatt eller granskat den).",
    "machine": "Låt någon som kan språket läsa och rätta texten. Ändra sedan translation: machine till "
               "translation: reviewed och spara (commit).",
    "reviewed": "Inget att göra.",
}
STALE = "kontrollera"


@event_priority(-150)  # after i18n (-100) has chosen this language's files and their alternates
def on_files(files, config, **kwargs):
    default = default_language(config)
    if config.theme["language"] != default:
        return files
    src_uri = f"{default}/{PAGE}"
    exclude = config.get("exclude_docs")
    if exclude is not None and exclude.match_file(src_uri):
        return files
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"docs/{src_uri}: this page is made at build time by overrides/hooks/status_page.py. "
                          "Remove the file, or move it elsewhere.")
    page = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    # Published where the default language's pages go: at the site root, not below sv/.
    page.dest_uri = PAGE[:-3] + ("/index.html" if config.use_directory_urls else ".html")
    # What mkdocs-static-i18n gives its own files; its language switcher reads them.
    page.locale = page.localization = page.locale_alternate_of = default
    page.norm_src_uri = PAGE
    page.alternates = {default: page}
    report = collect(ROOT)
    registry = load_registry(ROOT / "services.yml")
    due = due_for_check(check_facts(ROOT / "facts.yml", registry)[0], registry, load_guides(default, ROOT),
                        report.today, report.max_age_days)
    page.content_string = page_markdown(report, files, page, language_names(config), due)
    files.append(page)
    return files


def _link(files, target_src: str, lang: str, page: File) -> str | None:
    """The URL of a page of the site relative to the status page, or None when it is not built."""
    source = files.get_file_from_path(target_src)
    if source is None:
        return None
    target = source if lang == page.locale else getattr(source, "alternates", {}).get(lang)
    return get_relative_url(target.url, page.url) if target is not None else None


def _chip(state: str, href: str | None = None) -> str:
    label = html.escape(LABEL[state])
    if href:
        return f'<a class="mg-status mg-status--{state}" href="{html.escape(href)}">{label}</a>'
    return f'<span class="mg-status mg-status--{state}">{label}</span>'


def grid(report: Report, files, page: File, names: dict[str, str]) -> str:
    default = report.languages[0]
    head = ['<th scope="col">Guide</th>', '<th scope="col">Fakta kontrollerade</th>']
    for lang in report.translations:
        head.append(f'<th scope="col"><bdi lang="{lang}">{html.escape(names.get(lang, lang))}</bdi> '
                    f'<span class="mg-status-code">({lang})</span></th>')
    rows = []
    for slug in report.slugs:
        source = report.record(slug, default)
        href = _link(files, f"{default}/{slug}.md", default, page)
        title = html.escape(report.titles.get(slug, slug))
        title = f'<a href="{html.escape(href)}">{title}</a>' if href else title
        cells = [f'<th scope="row">{title}<br><code>{slug}</code></th>']
        if source.checked:
            checked = f'<time datetime="{source.checked.isoformat()}">{source.checked.isoformat()}</time>'
            if source.stale_check:
                checked += f' <span class="mg-status mg-status--stale">{STALE}</span>'
        else:
            checked = "–"
        cells.append(f"<td>{checked}</td>")
        for lang in report.translations:
            state = report.record(slug, lang).state
            link = _link(files, f"{default}/{slug}.md", lang, page) if state != "missing" else None
            cells.append(f'<td data-lang="{lang}">{_chip(state, link)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="mg-status-scroll" role="region" aria-labelledby="mg-status-caption" tabindex="0">\n'
        '<table class="mg-status-grid">\n'
        '<caption id="mg-status-caption">Översättningar per guide och språk. Varje ruta länkar till '
        "sidan på webbplatsen.</caption>\n"
        "<thead><tr>" + "".join(head) + "</tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


def legend(report: Report) -> str:
    items = []
    for state in STATES:
        if state == "invalid" and not report.counts()["invalid"]:
            continue
        items.append(f"<dt>{_chip(state)}</dt><dd>{html.escape(MEANING[state])} "
                     f"<strong>Gör så här:</strong> {html.escape(TODO[state])}</dd>")
    items.append(f'<dt><span class="mg-status mg-status--stale">{STALE}</span></dt>'
                 f"<dd>Ingen har kontrollerat fakta i guiden på mer än {report.max_age_days} dagar. "
                 "<strong>Gör så här:</strong> Jämför guiden med myndighetens sidor, rätta det som ändrats och "
                 "skriv dagens datum i checked: i den svenska guiden.</dd>")
    return '<dl class="mg-status-legend">\n' + "\n".join(items) + "\n</dl>"


def summary(report: Report) -> str:
    counts = report.counts()
    parts = [f"{LABEL[state]}: {counts[state]}" for state in STATES if counts[state]]
    stale = len(report.stale_guides())
    text = f"{len(report.slugs)} guider på {len(report.languages)} språk. Översättningar: " + ", ".join(parts) + "."
    if stale:
        text += f" Guider vars fakta ska kontrolleras: {stale}."
    else:
        text += f" Alla guiders fakta är kontrollerade de senaste {report.max_age_days} dagarna."
    return f"<p>{html.escape(text)}</p>"


KIND = {"fact": "Fakta", "phone": "Telefonnummer", "guide": "Guide"}


def due_list(due: list[Due], report: Report) -> str:
    """Facts, phone numbers and guides nobody has checked for too long, oldest first."""
    if not due:
        return (f"<p>Inget att kontrollera: alla fakta, telefonnummer och guider är kontrollerade de senaste "
                f"{report.max_age_days} dagarna.</p>")
    rows = []
    for item in due:
        source = html.escape(item.source)
        where = (f'<a href="{source}">{source}</a>' if item.kind != "guide"
                 else "myndigheternas sidor som guiden länkar till")
        rows.append(
            f"<tr><td>{KIND[item.kind]}</td><td><code>{html.escape(item.key)}</code></td>"
            f'<td><bdi dir="ltr">{html.escape(item.value)}</bdi></td>'
            f'<td><time datetime="{item.seen.isoformat()}">{item.seen.isoformat()}</time> '
            f"({(report.today - item.seen).days} dagar sedan)</td><td>{where}</td>"
            f"<td><code>{html.escape(item.where)}</code>, <code>{item.field}:</code></td></tr>")
    return (
        '<div class="mg-status-scroll" role="region" aria-labelledby="mg-due-caption" tabindex="0">\n'
        '<table class="mg-status-due">\n'
        f'<caption id="mg-due-caption">{len(due)} saker som ingen har kontrollerat på mer än '
        f"{report.max_age_days} dagar, äldst först.</caption>\n"
        '<thead><tr><th scope="col">Vad</th><th scope="col">Nyckel</th><th scope="col">Värde</th>'
        '<th scope="col">Senast kontrollerad</th><th scope="col">Jämför med</th><th scope="col">Ändra i</th>'
        "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n\n"
        "Jämför värdet med sidan. Stämmer det: skriv dagens datum i fältet som står under *Ändra i*. "
        "Har det ändrats: rätta värdet där också. En ändring i facts.yml ändrar guiden på alla språk."
    )


def page_markdown(report: Report, files, page: File, names: dict[str, str], due: list[Due] = ()) -> str:
    note = ""
    if not report.history.available:
        note = ('!!! warning "Inaktuella översättningar kan inte visas"\n\n'
                "    Webbplatsen byggdes utan git-historik, så sidan vet inte vilka översättningar som är "
                "äldre än den svenska texten.\n"
                f"    <small lang=\"en\">({html.escape(report.history.note)})</small>\n\n")
    return f"""---
title: Översättningar och kontroller
description: För personalen. Vilka översättningar som behöver göras och vilka guider som ska kontrolleras.
robots: noindex, nofollow
search:
  exclude: true
hide:
  - navigation
  - toc
---

# Översättningar och kontroller

Sidan är för personalen som håller guiderna rätta. Den görs om varje gång webbplatsen byggs, från
guiderna och deras historik i git: den svenska guiden är originalet, och en översättning är
*inaktuell* när den svenska guiden har ändrats efter översättningen. Samma lista får du med
`python scripts/translations.py`. Uppdaterad {dt.date.today().isoformat()}.

{note}{summary(report)}

{grid(report, files, page, names)}

## Fakta att kontrollera {{#fakta}}

{due_list(list(due), report)}

## Vad det betyder och vad du gör {{#vad-du-gor}}

{legend(report)}

## Markera en översättning som granskad {{#granskad}}

1. Öppna översättningen, till exempel `docs/en/skriva-ut.md`, på GitHub och välj pennan (Edit).
2. Ändra raden `translation: machine` överst till `translation: reviewed`.
3. Välj *Commit changes*. Rutan blir *granskad* nästa gång webbplatsen byggs.
"""
