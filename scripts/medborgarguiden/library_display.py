"""The library's details (library_config.Library) made ready to show in one language: weekday
names, times and dates written the way that language writes them (babel, CLDR), free texts in
that language or in Swedish marked lang="sv". The templates (overrides/partials/mg-library-*.html)
only print these values."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_interval, get_day_names
from babel.lists import format_list

from .locales import babel_locale
from .library_config import Event, HelpTime, Library, Span, Text
from .registry import REGION_NAMES, tel_href


def show(text: Text | None, lang: str) -> dict | None:
    """{'text': …, 'lang': language code when the text is not in the page's language, else None}."""
    if text is None:
        return None
    value, other_lang = text.for_lang(lang)
    return {"text": value, "lang": other_lang}


def day_name(day: int, lang: str, start_of_line: bool = False) -> str:
    name = get_day_names("wide", locale=babel_locale(lang))[day]
    return name[:1].upper() + name[1:] if start_of_line else name


def days_text(days: tuple[int, ...], lang: str, start_of_line: bool = True) -> str:
    """'Måndag och onsdag', 'Monday and Wednesday', 'الاثنين والأربعاء' …"""
    text = format_list([day_name(d, lang) for d in days], locale=babel_locale(lang))
    return text[:1].upper() + text[1:] if start_of_line else text


def span_text(span: Span, lang: str) -> str:
    """'10:00–19:00' in Swedish, '10:00 AM – 7:00 PM' in English: the language's own clock."""
    locale = babel_locale(lang)
    twelve_hour = "h" in Locale.parse(locale).time_formats["short"].pattern
    return format_interval(span[0], span[1], "hm" if twelve_hour else "Hm", locale=locale)


def date_text(day: dt.date, lang: str, start_of_line: bool = False) -> str:
    text = format_date(day, "full", locale=babel_locale(lang))
    return text[:1].upper() + text[1:] if start_of_line else text


def _help_time(item: HelpTime, lang: str) -> dict:
    return {"days": days_text(item.weekdays, lang), "time": span_text(item.span, lang),
            "note": show(item.note, lang)}


def _event(event: Event, lang: str) -> dict:
    return {
        "name": show(event.name, lang),
        # after "Every week:", so not capitalised ("Varje vecka: tisdag")
        "weekly": days_text(event.weekdays, lang, start_of_line=False) if event.weekdays else "",
        "dates": [{"iso": d.isoformat(), "text": date_text(d, lang, start_of_line=(i == 0))}
                  for i, d in enumerate(event.dates)],
        "time": span_text(event.span, lang) if event.span else "",
        "description": show(event.description, lang),
    }


def library_view(library: Library, lang: str) -> dict:
    """Everything the templates show about the library, in `lang`."""
    hours = None
    if library.opening_hours is not None:
        hours = []
        for day in range(7):
            spans = library.opening_hours.get(day, [])
            hours.append({"day": day_name(day, lang, start_of_line=True),
                          "times": format_list([span_text(s, lang) for s in spans], locale=babel_locale(lang)) if spans else ""})
    return {
        "name": show(library.name, lang),
        "address": show(library.address, lang),
        "phone": library.phone,
        "phone_href": tel_href(library.phone) if library.phone else "",
        "email": library.email,
        "hours": hours,
        "hours_note": show(library.opening_hours_note, lang),
        "drop_in": [_help_time(t, lang) for t in library.drop_in],
        "bookable": [_help_time(t, lang) for t in library.bookable],
        "how_to_book": show(library.how_to_book, lang),
        "events": [_event(e, lang) for e in library.events],
        "partners": [{"name": show(p.name, lang), "description": show(p.description, lang)}
                     for p in library.partners],
    }


# Swedish alphabetical order: å, ä, ö come after z (Örebro after Västra Götaland).
_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


def swedish_sort_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH_ORDER)


def by_region(libraries: dict[str, Library], lang: str) -> list[tuple[str, list[tuple[str, dict]]]]:
    """The libraries to choose from, grouped under their region's name (regions and libraries in
    alphabetical order), each as (id, what the templates show). A visitor from Malmö finds Skåne
    without reading the whole country's list."""
    groups: dict[str, list[tuple[str, dict]]] = {}
    for lib, library in libraries.items():
        groups.setdefault(REGION_NAMES.get(library.place.region, ""), []).append((lib, library_view(library, lang)))
    return [(region, sorted(views, key=lambda item: swedish_sort_key(item[1]["name"]["text"])))
            for region, views in sorted(groups.items(), key=lambda item: swedish_sort_key(item[0]))]
