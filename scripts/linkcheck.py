#!/usr/bin/env python3
"""Check every external link of Medborgarguiden: in the guides (service:KEY links
resolved through services.yml for the guide's language), in a built site, and in
the service registry itself; and watch the facts in facts.yml: each fact's
source page must still show its value ("fact may have changed" when it does not).

Each unique URL is asked once, at most --concurrency at a time and at most
--per-host at a time per host, so the authorities' sites are never hammered.
Results: ok, moved (permanent redirect: update the link), broken, soft404 (a
"not found" page that answers 200, or a deep link sent to the start page),
timeout, error (no HTTP answer) and excluded (in linkcheck.yml, with a reason).

Exit status: 0 when every link is fine (moved and excluded links do not fail the
check; --fail-on-moved makes moved fail too), 1 when any link is broken, soft404,
timeout or error, 2 on a usage or input error, 3 when the network seems
unreachable (at least 80 % of the hosts asked, and 3 or more, gave no answer at
all: DNS or connection failed), so the links could not be judged.

examples:
  python scripts/linkcheck.py                      # services.yml and docs/
  python scripts/linkcheck.py docs/sv/flytta.md    # one guide
  python scripts/linkcheck.py site/ --no-cache     # the built site, fresh answers
  python scripts/linkcheck.py --json out.json --markdown out.md
"""

from __future__ import annotations

import gc

# Start-up time: the imports (aiohttp above all) make some 40,000 objects that live until the end.
# The cyclic garbage collector would go through them again and again while they are made, and once
# more as Python exits (about 40 ms on this project's machines); frozen, it leaves them alone.
_collecting = gc.isenabled()
gc.disable()
try:
    import argparse
    import os
    import sys
    from pathlib import Path

    from medborgarguiden.linkcheck import report
    from medborgarguiden.linkcheck.cache import Cache
    from medborgarguiden.linkcheck.config import ConfigError, load_config, parse_duration
    from medborgarguiden.linkcheck.extract import (
        REGISTRY_SUFFIXES, InputError, ServiceRegistry, collect, display_path)
    from medborgarguiden.linkcheck.runner import check_links, group
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REGISTRY = ROOT / "services.yml"
DEFAULT_CONFIG = ROOT / "linkcheck.yml"
DEFAULT_CACHE = ROOT / ".cache" / "linkcheck.json"
DEFAULT_FACTS = ROOT / "facts.yml"


def _whole_number(minimum: int, rule: str):
    """An argparse type: a whole number of at least `minimum`, else `rule` as the message."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(rule)
        return value
    return parse


_positive_int = _whole_number(1, "must be at least 1")
_count = _whole_number(0, "must be 0 or more")


def _duration(text: str) -> float:
    try:
        value = parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


class _Help(argparse.RawDescriptionHelpFormatter):
    """Help as wide as $COLUMNS or the terminal, like shutil.get_terminal_size, found without
    argparse's import of shutil (start-up time)."""

    def __init__(self, prog, **kwargs):
        try:
            columns = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError):
                columns = 80
        kwargs.setdefault("width", max(40, columns - 2))
        super().__init__(prog, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="linkcheck.py", description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]), formatter_class=_Help)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="Markdown or HTML files, folders of them, or services.yml "
                        "(default: services.yml and docs/ at the repository root)")
    p.add_argument("--registry", metavar="FILE", type=Path,
                   help="services.yml used to resolve service:KEY links (default: a .yml PATH, else services.yml "
                        "at the repository root)")
    p.add_argument("--facts", metavar="FILE", type=Path,
                   help="facts.yml whose source pages are read for their values (default: facts.yml at the "
                        "repository root when no PATH is given)")
    p.add_argument("--no-facts", action="store_true", help="do not read the facts' source pages")
    p.add_argument("--config", metavar="FILE", type=Path,
                   help="settings, excludes and accepted codes (default: linkcheck.yml at the repository root)")
    limits = p.add_argument_group("limits (defaults from linkcheck.yml)")
    limits.add_argument("--concurrency", type=_positive_int, metavar="N", help="requests in flight in all (32)")
    limits.add_argument("--per-host", type=_positive_int, metavar="N", help="requests in flight per host (2)")
    limits.add_argument("--timeout", type=_duration, metavar="SECONDS",
                        help="per request; a slower page is reported 'timeout' (5)")
    limits.add_argument("--deadline", type=_duration, metavar="DURATION",
                        help="for the whole run, e.g. 600 or 15m; unfinished links are reported 'timeout' (15m)")
    limits.add_argument("--retries", type=_count, metavar="N",
                        help="retries of a transient failure (429, 502-504, reset connection) (2)")
    limits.add_argument("--max-retry-after", type=_duration, metavar="SECONDS",
                        help="longest Retry-After that is waited for (60)")
    limits.add_argument("--max-redirects", type=_count, metavar="N", help="longest redirect chain (10)")
    how = p.add_argument_group("how to ask")
    how.add_argument("--method", choices=("auto", "head", "get"),
                     help="auto: GET pages (their text shows soft 404s), HEAD downloads; head: HEAD first, "
                          "GET when refused or a page must be read; get: always GET (auto)")
    how.add_argument("--no-soft404", action="store_true", help="do not look for 'page not found' pages")
    how.add_argument("--project-url", metavar="URL", help="named in the User-Agent so site owners can reach us")
    how.add_argument("--user-agent", metavar="TEXT", help="the whole User-Agent header instead")
    cache = p.add_argument_group("cache")
    cache.add_argument("--cache", metavar="FILE", type=Path, default=DEFAULT_CACHE,
                       help="file of recent results (default: .cache/linkcheck.json at the repository root)")
    cache.add_argument("--cache-max-age", type=_duration, metavar="DURATION",
                       help="reuse results younger than this, e.g. 90m, 24h (24h)")
    cache.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    out = p.add_argument_group("output")
    out.add_argument("--json", metavar="FILE", type=Path, help="write one record per URL as JSON")
    out.add_argument("--markdown", metavar="FILE", type=Path, help="write a report fit for a GitHub issue")
    out.add_argument("--source-link-base", metavar="URL", default="",
                     help="in the Markdown report, link each file:line to URL/file#Lline (a blob URL)")
    out.add_argument("--fail-on-moved", action="store_true", help="exit 1 when a link has moved, too")
    out.add_argument("--no-progress", action="store_true", help="no progress bar (it only shows on a terminal)")
    out.add_argument("--list", action="store_true",
                     help="only list the links and fact sources found, with file:line; ask nothing")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except (InputError, ConfigError) as exc:
        print(f"linkcheck: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("linkcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args) -> int:
    config = load_config(args.config if args.config else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None))
    for option in ("concurrency", "per_host", "timeout", "deadline", "retries", "max_retry_after",
                   "max_redirects", "method", "project_url", "user_agent", "cache_max_age"):
        value = getattr(args, option)
        if value is not None:
            setattr(config, option, value)
    if args.no_soft404:
        config.soft404 = False

    paths = [Path(p) for p in args.paths]
    if not paths:
        paths = [p for p in (DEFAULT_REGISTRY, ROOT / "docs") if p.exists()]
        if not paths:
            raise InputError(f"nothing to check: neither {DEFAULT_REGISTRY} nor {ROOT / 'docs'} exists. Pass a PATH")
    registry_path = args.registry or next((p for p in paths if p.suffix.lower() in REGISTRY_SUFFIXES), None)
    if registry_path is None and DEFAULT_REGISTRY.exists():
        registry_path = DEFAULT_REGISTRY
    registry = None
    if registry_path is not None:
        if not registry_path.is_file():
            raise InputError(f"{display_path(registry_path)}: no such registry file. Check --registry")
        registry = ServiceRegistry(registry_path)
    for target in (args.json, args.markdown):
        if target is not None and not target.resolve().parent.is_dir():
            raise InputError(f"{target}: its folder does not exist. Create it or choose another file")

    links = collect(paths, registry)
    facts_path = args.facts or (DEFAULT_FACTS if not args.paths and DEFAULT_FACTS.exists() else None)
    watches = []
    if facts_path is not None and not args.no_facts:
        from medborgarguiden.linkcheck.factwatch import watches as fact_watches
        watches = fact_watches(facts_path)
    if registry is not None and registry.warning:
        print(f"linkcheck: warning: {registry.warning}", file=sys.stderr)
    if args.list:
        for url, sources in group(links).items():
            print(f"{url}\t{', '.join(str(s) for s in sources)}")
        for watch in watches:
            print(f"{watch.url}\t{watch.source} (fact {watch.key}: {watch.forms[0]})")
        return 0

    cache = None if args.no_cache else Cache(args.cache, config.cache_max_age, config.fingerprint())
    show_progress = sys.stderr.isatty() and not os.environ.get("CI") and not args.no_progress
    run = check_links(links, config, cache, report.Progress() if show_progress else None, watches)
    if cache is not None:
        try:
            cache.save()
        except OSError as exc:
            print(f"linkcheck: warning: could not write the cache {args.cache} ({exc.strerror or exc})",
                  file=sys.stderr)

    print(report.summary(run, args.fail_on_moved))
    outputs = [(args.json, lambda: report.json_report(run)),
               (args.markdown, lambda: report.markdown_report(run, args.source_link_base, args.fail_on_moved))]
    for target, text in outputs:
        if target is None:
            continue
        try:
            target.write_text(text(), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{target}: cannot write it ({exc.strerror or exc})") from None
    if run.network_unreachable():
        unreached, asked = run.unreached_hosts()
        print(f"linkcheck: the network seems unreachable: {unreached} of {asked} hosts gave no answer at all "
              f"(DNS or connection failed). The links were not judged. Run again when the network works.",
              file=sys.stderr)
        return 3
    return 1 if report.failed(run.records, args.fail_on_moved) else 0


if __name__ == "__main__":
    sys.exit(main())
