"""Does every library's edition have a service for every role the guides use?

A guide links to a role (`service:transit-planner`, `{phone:…}`, `{name:…}`); each library's edition
resolves it through the library's municipality and region (registry.Registry.resolve). A role with
no service for a library's place and no national fallback would leave that library with a broken
guide, so validate.py and the build report it, naming the library's file and the role:

    libraries/kiruna.yml:4: the guides need the role 'transit-planner' (docs/sv/kollektivtrafik.md:27) …
"""

from __future__ import annotations

from pathlib import Path

from . import site
from .guides import NAME_TOKEN, PHONE_TOKEN, SERVICE_LINK, guide_paths
from .library_config import FOLDER, LibraryConfigError, library_ids, load_library
from .registry import Registry, UnknownServiceError


def roles_used(registry: Registry, root: Path = site.ROOT) -> dict[str, list[tuple[str, int, bool]]]:
    """role -> [(guide file, line, needs a phone)], over every language's guides."""
    used: dict[str, list[tuple[str, int, bool]]] = {}
    for lang in (language.code for language in site.languages(root)):
        for path in guide_paths(root / "docs", lang):
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                for pattern in (SERVICE_LINK, PHONE_TOKEN, NAME_TOKEN):
                    for match in pattern.finditer(line):
                        if match.group(1) in registry.roles:
                            where = f"docs/{lang}/{path.name}"
                            used.setdefault(match.group(1), []).append((where, number, pattern is PHONE_TOKEN))
    return used


def check_library_roles(registry: Registry, root: Path = site.ROOT) -> list[str]:
    """One message per library and role it cannot resolve ([] when every edition is complete)."""
    used = roles_used(registry, root)
    problems = []
    for lib in library_ids(root):
        try:
            library = load_library(root, lib)
        except LibraryConfigError:
            continue  # check_libraries has reported it
        shown = f"{FOLDER}/{lib}.yml:{library.place_line}"
        for role, uses in sorted(used.items()):
            first = f"{uses[0][0]}:{uses[0][1]}"
            try:
                service = registry.resolve(role, library.place)
            except UnknownServiceError:
                problems.append(
                    f"{shown}: the guides need the role '{role}' ({first}), but neither municipality "
                    f"'{library.municipality}' nor region '{library.region}' has a service for it in "
                    f"{registry.path.name}, and the role has no fallback. Add a service with 'role: {role}' and "
                    f"'region: {library.region}' (or 'municipality: {library.municipality}') to {registry.path.name}.")
                continue
            phone_use = next((u for u in uses if u[2]), None)
            if phone_use and not service.phone:
                problems.append(
                    f"{shown}: {phone_use[0]}:{phone_use[1]} shows the phone number of the role '{role}', but "
                    f"this library's service for it ('{service.key}') has no phone in {registry.path.name}. "
                    f"Add the official number to '{service.key}', or link to the role instead of {{phone:{role}}}.")
    return problems
