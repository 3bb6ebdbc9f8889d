"""axe-core in the page, as the accessibility tests and benchmarks run it (WCAG 2.1 A and AA)."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Waits until every finite CSS transition and animation has ended (at most 3 s). Opening search
# fades a dark backdrop in over the page; axe run in the middle of the fade measures colours that
# exist for a quarter of a second and that nobody reads. A person judges the settled page.
_SETTLED = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 3000)),
])"""


def violations(page) -> list[str]:
    """axe's findings on the page once it has settled, one readable line each."""
    page.evaluate(_SETTLED)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']} — "
        f"{v['nodes'][0]['failureSummary'].splitlines()[-1].strip()}"
        for v in result["violations"]
    ]
