"""Compile each theme template once per build, not once per language.

mkdocs-static-i18n builds every language with a fresh Jinja environment, so without this the same
~70 templates are compiled eight times (about a fifth of the build's CPU). Jinja's bytecode cache is
keyed by template name and a checksum of its source, so a changed template is compiled again."""

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


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = _CACHE
    return env
