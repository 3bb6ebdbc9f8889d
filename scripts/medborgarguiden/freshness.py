"""Which facts, phone numbers and guides nobody has checked for too long.

A fact's `seen` (facts.yml), a phone's `phone_seen` (services.yml) and a guide's `checked` (its front
matter) are the days a person last compared them with the authority's own page. When that is longer
ago than MAX_AGE_DAYS they are due: `python scripts/validate.py` warns about them and the staff
status page (personal/oversattningar/) lists them, oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import site
from .facts import Fact
from .registry import Registry

# The one place the limit is set: about six months. (scripts/translations.py uses it too.)
MAX_AGE_DAYS = 183


@dataclass(frozen=True)
class Due:
    kind: str  # "fact", "phone" or "guide"
    key: str  # the fact's key, the service's key or the guide's slug
    value: str  # what to compare: "500", "0771-567 567", the guide's title
    seen: dt.date
    source: str  # the page to compare with (https://), or the guide's file
    where: str  # "facts.yml:12": the line to change after checking
    field: str  # the field to set to the day of the check


def due_for_check(facts: dict[str, Fact], registry: Registry | None, guides: list, today: dt.date | None = None,
                  max_age_days: int = MAX_AGE_DAYS, root: Path = site.ROOT) -> list[Due]:
    """Everything not checked within max_age_days, oldest first. `guides` are the Swedish guides
    (medborgarguiden.guides.Guide): translations share their `checked` date."""
    from .guides import relative

    oldest_ok = (today or dt.date.today()) - dt.timedelta(days=max_age_days)
    items = [Due("fact", f.key, str(f.value), f.seen, f.source, f"facts.yml:{f.line}", "seen")
             for f in facts.values()]
    if registry is not None:
        items += [Due("phone", s.key, s.phone, s.phone_seen, s.phone_page, f"services.yml:{s.line}", "phone_seen")
                  for s in registry.services.values() if s.phone and s.phone_seen]
    for guide in guides:
        checked = guide.meta.get("checked")
        if isinstance(checked, dt.date):
            name = relative(guide.path, root)
            items.append(Due("guide", guide.slug, str(guide.meta.get("title") or guide.slug), checked, name,
                             f"{name}:{guide.meta_lines.get('checked', 2)}", "checked"))
    return sorted((d for d in items if d.seen < oldest_ok), key=lambda d: (d.seen, d.where))


def warning(due: Due, today: dt.date | None = None) -> str:
    days = ((today or dt.date.today()) - due.seen).days
    what = {"fact": f"the fact '{due.key}' ({due.value})", "phone": f"the phone number of '{due.key}' ({due.value})",
            "guide": f"the guide '{due.key}'"}[due.kind]
    where = f"on {due.source}" if due.kind != "guide" else "with the authorities' pages"
    return (f"{due.where}: {what} was last checked {due.seen.isoformat()}, {days} days ago. Compare it {where}, "
            f"correct it if it changed, and write the day you checked in '{due.field}:'.")
