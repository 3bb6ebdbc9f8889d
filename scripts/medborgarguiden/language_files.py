"""Adding a language to the site: which codes are allowed, the i18n entry in mkdocs.yml (added to
the text itself, so every comment and the order of the file stay as people wrote them), and the
UI-string files the new language starts with, copied from English and marked for translation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from . import site

# ISO 639: two lowercase letters (639-1: pl, so) or three (639-2/639-3: prs Dari, ckb Sorani, kmr Kurmanji).
CODE = re.compile(r"[a-z]{2,3}")


def code_problem(code: str) -> str | None:
    """Why `code` is not a language code this site can use; None when it is. Any ISO 639 code is
    allowed; a three-letter one also when Babel does not know it (staff give its name and direction),
    while a two-letter one Babel does not know is a typing mistake (CLDR has the ISO 639-1 languages)."""
    if not CODE.fullmatch(code):
        return (f"'{code}' is not a language code: use the ISO 639 code in lowercase, two-letter (pl Polish, "
                "so Somali) or three-letter (prs Dari, ckb Sorani, kmr Kurmanji).")
    from .locales import known_to_babel

    if len(code) == 2 and not known_to_babel(code):
        return (f"'{code}' is not a known language code (ISO 639-1). Check the code, e.g. pl for Polish, "
                "sw for Swahili, am for Amharic; three-letter codes (ISO 639-3) work too, e.g. prs for Dari.")
    return None


def is_right_to_left(code: str) -> bool:
    from .locales import direction  # imports babel: only when asked

    return direction(code) == "rtl"


def _scalar(value: str) -> str:
    """`value` as YAML: plain when that reads back as the same text, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _languages_node(config_text: str):
    root = yaml.compose(config_text, Loader=site._ConfigLoader)
    plugins = next((v for k, v in root.value if k.value == "plugins"), None) if root else None
    entries = []
    if isinstance(plugins, yaml.MappingNode):
        entries = plugins.value
    elif isinstance(plugins, yaml.SequenceNode):  # mkdocs also allows a list of one-key mappings
        entries = [pair for item in plugins.value if isinstance(item, yaml.MappingNode) for pair in item.value]
    i18n = next((v for k, v in entries if k.value == "i18n"), None)
    if not isinstance(i18n, yaml.MappingNode):
        return None
    languages = next((v for k, v in i18n.value if k.value == "languages"), None)
    return languages if isinstance(languages, yaml.SequenceNode) and languages.value else None


def _locales(languages) -> list[str]:
    return [next((v.value for k, v in item.value if k.value == "locale"), None)
            for item in languages.value if isinstance(item, yaml.MappingNode)]


def with_language(config_text: str, code: str, name: str, site_name: str, site_description: str | None,
                  description_note: str = "") -> str:
    """mkdocs.yml's text with a new last entry in the i18n plugin's `languages:` list, indented like
    the entries before it. Raises ValueError when the list cannot be found."""
    languages = _languages_node(config_text)
    if languages is None:
        raise ValueError("no 'languages:' list under the i18n plugin")
    lines = config_text.splitlines(keepends=True)
    last = languages.value[-1]
    if not isinstance(last, yaml.MappingNode) or not last.value:
        raise ValueError("the last entry of the i18n 'languages:' list is not a 'locale: …' entry")
    end_line = max(v.end_mark.line - (1 if v.end_mark.column == 0 else 0) for _, v in last.value)
    key_indent = " " * last.start_mark.column
    dash_line = lines[last.start_mark.line]
    dash_indent = " " * dash_line.index("-") if "-" in dash_line[:last.start_mark.column] else key_indent[:-2]
    entry = [f"{dash_indent}- locale: {code}\n",
             f"{key_indent}name: {_scalar(name)}\n",
             f"{key_indent}build: false  # hidden from visitors until translated; true publishes it\n",
             f"{key_indent}site_name: {_scalar(site_name)}\n"]
    if site_description:
        note = f"  # {description_note}" if description_note else ""
        entry.append(f"{key_indent}site_description: {_scalar(site_description)}{note}\n")
    if not lines[end_line].endswith("\n"):
        lines[end_line] += "\n"
    new_text = "".join(lines[:end_line + 1] + entry + lines[end_line + 1:])
    # The result must read back as the same list plus the new language, or nothing is written.
    before = _locales(languages)
    after_node = _languages_node(new_text)
    after = _locales(after_node) if after_node else []
    if after != before + [code]:
        raise ValueError("adding the entry would not give the expected list of languages")
    return new_text


def english_entry(config_text: str) -> dict:
    """The i18n entry of English, whose texts a new language starts from; {} when there is none."""
    i18n = site.i18n_plugin_config(yaml.load(config_text, Loader=site._ConfigLoader) or {}) or {}
    for item in i18n.get("languages") or []:
        if isinstance(item, dict) and item.get("locale") == "en":
            return item
    return {}


def strings_file(english: str, code: str, name: str) -> str:
    return (f"# TRANSLATE: copied from en.yml by scripts/new_language.py. Write every text below in {name} "
            f"({code}),\n# keeping the keys before the colons as they are; then delete this comment.\n" + english)


def material_strings(english: str, code: str, name: str, rtl: bool) -> str:
    """Material's English UI strings (partials/languages/en.html) as the start of `code`'s, like
    overrides/partials/languages/so.html: Material ships none for this language."""
    body = re.sub(r"\A\{#-.*?-#\}\n", "", english, count=1, flags=re.S)
    body = re.sub(r'"language": "[^"]*"', f'"language": "{code}"', body, count=1)
    body = re.sub(r'"direction": "[^"]*"', f'"direction": "{"rtl" if rtl else "ltr"}"', body, count=1)
    header = ("{#-\n"
              f"  {name} UI strings for Material for MkDocs, which ships none for \"{code}\".\n"
              "  TRANSLATE: copied from Material's English (en.html) by scripts/new_language.py. Translate every\n"
              "  value into the language, keeping the keys; a key missing here would crash the build.\n"
              "-#}\n")
    return header + body


def material_languages_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"
