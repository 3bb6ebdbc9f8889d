"""Link checker for Medborgarguiden: finds every external link in the guides, the
built site and the service registry, and asks each host about it politely.

Modules: extract (links with file:line), config (linkcheck.yml), fetch (requests
through aiohttp, per-host limits), htmlpage (title, headings, ids),
classify (what an answer means), cache, runner (runs the checks concurrently),
report (summary, JSON, Markdown, progress bar), factwatch (is each fact in
facts.yml still on its source page) and lazy_regex (start-up time).
"""

# Result statuses. Only FAILING ones make the command exit 1: a moved page still
# works for the visitor (the summary tells which registry entries to update) and
# an excluded URL was excluded on purpose, with a reason.
# "changed" is for facts (facts.yml): the value was not found on its source page.
STATUSES = ("ok", "moved", "broken", "soft404", "changed", "timeout", "error", "excluded")
FAILING = ("broken", "soft404", "changed", "timeout", "error")
