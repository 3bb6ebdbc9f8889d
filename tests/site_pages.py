"""What the tests need to know about the site's pages: languages and guides, read from the sources."""

from medborgarguiden import guides, site
from medborgarguiden.locales import direction

LANGUAGES = [lang.code for lang in site.languages() if lang.visible]  # the languages visitors get
DEFAULT = LANGUAGES[0]
RTL = {lang for lang in LANGUAGES if direction(lang) == "rtl"}  # ar, fa
SLUGS = [p.stem for p in guides.guide_paths(site.ROOT / "docs", DEFAULT)]
STATEMENT = "om/tillganglighet"  # the accessibility statement (DOS-lagen), linked from every footer


def guide(lang: str, slug: str) -> guides.Guide:
    return guides.read_guide(site.ROOT / "docs" / lang / f"{slug}.md", lang, [])
