"""Stop the build when a guide breaks the rules (missing field, wrong date, unknown service key, a
guide missing in one language …). The rules live in scripts/medborgarguiden/guides.py, which
`scripts/validate.py` also runs, so the build and the command always agree."""

from mkdocs.exceptions import PluginError
from medborgarguiden.guides import check_site

_checked = False


def on_pre_build(config, **kwargs):
    global _checked
    if _checked:  # mkdocs-static-i18n runs one inner build per language; check once
        return
    problems = check_site()
    if problems:
        raise PluginError("The guides have problems:\n" + "\n".join(problems)
                          + "\nRun 'python scripts/validate.py' to see them again.")
    _checked = True


def on_serve(server, **kwargs):
    global _checked
    _checked = False  # `mkdocs serve` rebuilds after an edit: check again
    return server
