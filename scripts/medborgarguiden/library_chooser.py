"""The start page of a multi-library site (site/index.html): residents choose their library, and
each library's web edition lives in site/<id>/. Plain HTML, no JavaScript and nothing loaded from
another site; one line of introduction in every language, each marked with its language and
direction so screen readers and RTL scripts read it right."""

from __future__ import annotations

from html import escape

from .library_config import Library

# One line per language: what the page is for.
INTRO = {
    "sv": ("Välj ditt bibliotek", "Guiderna visar ditt biblioteks öppettider och tjänsterna där du bor."),
    "en": ("Choose your library", "The guides show your library's opening hours and the services where you live."),
    "ar": ("اختر مكتبتك", "تعرض الأدلة مواعيد عمل مكتبتك والخدمات في المكان الذي تسكن فيه."),
    "fa": ("کتابخانه خود را انتخاب کنید", "راهنماها ساعات کار کتابخانه شما و خدمات محل زندگی‌تان را نشان می‌دهند."),
    "so": ("Dooro maktabaddaada", "Hagayaashu waxay muujinayaan saacadaha maktabaddaada iyo adeegyada meesha aad ku nooshahay."),
    "ti": ("ቤት መጻሕፍትኻ ምረጽ", "እቶም መምርሒታት ሰዓታት ስራሕ ቤት መጻሕፍትኻን ኣብ እትነብረሉ ዘለዉ ኣገልግሎታትን የርእዩ።"),
    "uk": ("Виберіть свою бібліотеку", "Інструкції показують години роботи вашої бібліотеки та служби там, де ви живете."),
    "ru": ("Выберите свою библиотеку", "Инструкции показывают часы работы вашей библиотеки и услуги там, где вы живёте."),
}
RTL = {"ar", "fa"}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Ethiopic",sans-serif;
max-width:44rem;margin:0 auto;padding:1.5rem;line-height:1.5;color:#1b1b1b;background:#fff;font-size:1.125rem}
h1{font-size:1.75rem;margin:0 0 1rem}
ul.mg-intro{list-style:none;padding:0;margin:0 0 2rem}
ul.mg-intro li{margin:.4rem 0}
ul.mg-libraries{list-style:none;padding:0}
ul.mg-libraries li{margin:0 0 .75rem}
ul.mg-libraries a{display:block;padding:.75rem 1rem;border:2px solid #0b5394;border-radius:.4rem;color:#0b5394;
text-decoration:none;font-weight:600}
ul.mg-libraries a:hover,ul.mg-libraries a:focus{background:#0b5394;color:#fff}
a:focus{outline:3px solid #b35900;outline-offset:2px}
.mg-where{display:block;font-weight:400;color:inherit}
"""


def chooser_html(libraries: list[Library], languages: list[str], site_name: str = "Medborgarguiden") -> str:
    """The page; `libraries` in the order they are listed, `languages` the site's, default first."""
    default = languages[0]
    title, _ = INTRO[default]
    intro = "\n".join(
        f'    <li lang="{lang}" dir="{"rtl" if lang in RTL else "ltr"}"><strong>{escape(INTRO[lang][0])}.</strong> '
        f"{escape(INTRO[lang][1])}</li>"
        for lang in languages if lang in INTRO)
    items = []
    for library in libraries:
        name, _ = library.name.for_lang(default)
        where = library.address.for_lang(default)[0] if library.address else ""
        where_html = f'<span class="mg-where">{escape(where)}</span>' if where else ""
        items.append(f'    <li><a href="{escape(library.id)}/">{escape(name)}{where_html}</a></li>')
    return f"""<!doctype html>
<html lang="{default}" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(site_name)} – {escape(title)}</title>
  <style>{STYLE}</style>
</head>
<body>
<main>
  <h1>{escape(site_name)}</h1>
  <ul class="mg-intro">
{intro}
  </ul>
  <h2>{escape(title)}</h2>
  <ul class="mg-libraries">
{chr(10).join(items)}
  </ul>
</main>
</body>
</html>
"""
