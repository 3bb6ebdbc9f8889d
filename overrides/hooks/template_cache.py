"""Do the theme's work once per build, not once per language.

mkdocs-static-i18n runs one inner build per language, each with a fresh Jinja environment, so without
this hook every language would
- compile the same ~70 templates again (about a fifth of the build's CPU). Jinja's bytecode cache is
  keyed by template name and a checksum of its source, so a changed template is compiled again;
- list the theme's ~14,500 files again and filter them (MkDocs adds the theme's CSS, JavaScript and
  images to every language's files; about 6 % of the build's CPU). The list is kept on the theme
  object, which `mkdocs serve` makes anew for every rebuild, so a file added to overrides/ is seen."""

from jinja2 import BytecodeCache


class _InMemory(BytecodeCache):
    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


_CACHE = _InMemory()


def _listing_once(theme_get_env):
    """theme.get_env, with environments that answer list_templates with the first answer to the same
    question: the same extensions and the same filter function over the same objects (MkDocs filters
    the theme's files with a new closure over the build's one config in every language)."""
    answers: dict[tuple, list[str]] = {}

    def get_env():
        env = theme_get_env()
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None):
            closure = getattr(filter_func, "__closure__", None) or ()
            key = (None if extensions is None else tuple(extensions), getattr(filter_func, "__code__", filter_func),
                   *(id(cell.cell_contents) for cell in closure))
            if key not in answers:
                answers[key] = list_templates(extensions, filter_func)
            return list(answers[key])

        env.list_templates = listed
        return env

    return get_env


def on_config(config, **kwargs):
    theme = config.theme
    if "get_env" not in vars(theme):  # on_config runs once per language: wrap once per build
        theme.get_env = _listing_once(theme.get_env)
    return config


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = _CACHE
    return env
