"""Give every guide page what its printed handout shows at the top: a QR code that opens the same
guide on the web edition, and its address written out (overrides/partials/mg-guide-tools.html
places them; overrides/assets/stylesheets/print.css shows them only on paper). In the shared build
for many libraries (library_slots) both are slots: each library's edition draws its own codes."""

from medborgarguiden import library_slots as slots
from medborgarguiden.build_languages import default_language
from medborgarguiden.handout import qr_svg, short_url, web_url
from medborgarguiden.side_by_side import guide_slug


def on_page_context(context, page, config, nav, **kwargs):
    lang = config.theme["language"]
    slug = guide_slug(page.file.src_uri, lang)
    if slug is None or not config.site_url:
        return context
    if slots.slots_dir() is not None:
        context["print_qr"] = {"svg": slots.token("qr", slug, lang, block=True), "short": slots.token("qrshort", slug, lang)}
        return context
    url = web_url(config.site_url, lang, slug, default_language(config))
    context["print_qr"] = {"svg": qr_svg(url), "url": url, "short": short_url(url)}
    return context
