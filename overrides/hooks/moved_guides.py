"""Old addresses keep working. When a guide gets a new file name (mkdocs.yml, `extra: moved_guides:
{old: new}`), its old address in every language gets a small page that sends the visitor on, so QR
codes on handouts printed before the change still open the guide. Plain HTML with a link, for a
browser that does not follow the refresh."""

from html import escape
from pathlib import Path

from medborgarguiden.build_languages import built_languages, default_language

PAGE = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}"></head>
<body><main><p><a href="{url}">{title}</a></p></main></body>
</html>
"""


def on_post_build(config, **kwargs):
    moved = config.extra.get("moved_guides") or {}
    directory_urls = config.use_directory_urls
    default = default_language(config)
    for lang in built_languages(config):
        folder = Path(config.site_dir) if lang == default else Path(config.site_dir) / lang
        for old, new in moved.items():
            if not (folder / (f"{new}/index.html" if directory_urls else f"{new}.html")).is_file():
                continue  # the guide is not in this language (or the new name is mistyped: validate says so)
            target, url = (folder / old / "index.html", f"../{new}/") if directory_urls else \
                (folder / f"{old}.html", f"{new}.html")
            if target.exists():
                continue  # a page lives at the old address again: it wins
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(PAGE.format(lang=lang, title=escape(new), url=escape(url)), encoding="utf-8")
