"""The route grammar edgeHub reads module ids by: where a route names a module, and renaming one in it.

Rules ask which routes name a module (NAM001's renames, the route checks); applying a rename rewrites them. Pure
text functions: no document, no finding.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A module id in a route runs from "/messages/modules/" (a source) or "/modules/" (a BrokeredEndpoint sink) to the
# next "/", whitespace, '"' or the end. IoT Hub ids hold none of those, but may hold "*", which is then part of the
# id: "Cam*1" is one id, and renaming "Cam" leaves it alone. A lone "*" as a source is the documented wildcard
# (/messages/modules/*), never a module's id, so no rename rewrites it there. Every pattern names the id "id".
ROUTE_ID = r"[^/\s\"]+"
WILDCARD = "*"
_ANY_SOURCE = re.compile(rf"/messages/modules/(?P<id>{ROUTE_ID})")
_ANY_SINK = re.compile(rf"/modules/(?P<id>{ROUTE_ID})(?=/inputs/)")
_NOT_IN_ROUTE_IDS = re.compile(r"[/\s\"]")
# A condition that tests the sending module, as edgeHub's condition grammar writes it: $connectionModuleId (or
# {$connectionModuleId}; system property names are read ignoring case) compared with =, != or <> to a string in
# single or double quotes (with backslash escapes), on either side. Only routes that hold the property's name are
# searched for them, so most renamed routes take no extra pass.
SENDER = "$connectionmoduleid"  # lowercase: compare with the route lowercased
_SENDER = r"\{?\$connectionModuleId\}?"
_COMPARE = r"\s*(?:=|!=|<>)\s*"
_STRING = r"(?P<q>['\"])(?P<id>(?:\\.|(?!(?P=q))[^\\])*)(?P=q)"
CONDITION_IDS = (re.compile(rf"{_SENDER}{_COMPARE}{_STRING}", re.IGNORECASE),
                 re.compile(rf"{_STRING}{_COMPARE}{_SENDER}", re.IGNORECASE))
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def named_id(match: re.Match[str]) -> str:
    """The module id a match names: a condition's string without its backslash escapes, else as written."""
    value = match.group("id")
    return _ESCAPE.sub(r"\1", value) if "q" in match.re.groupindex and "\\" in value else value


def plain_route_id(module: str) -> bool:
    """Whether :data:`ROUTE_ID` reads ``module`` whole: every id IoT Hub accepts, though a manifest's key need not be
    one."""
    return bool(module) and not _NOT_IN_ROUTE_IDS.search(module)


def _route_patterns(module: str, route: str) -> tuple[re.Pattern[str], ...]:
    """Patterns whose group "id" is a module id named by ``route`` (callers compare it with ``module``): sources
    (never for the wildcard), sinks, and conditions.

    One set serves every id :data:`ROUTE_ID` reads whole (a greedy run of its characters is the id exactly):
    compiling patterns per module would dominate a large conversion's first run. Any other key gets
    patterns of its own."""
    source, sink = (_ANY_SOURCE, _ANY_SINK) if plain_route_id(module) else _literal_route_patterns(module)
    found = (sink,) if module == WILDCARD else (source, sink)
    return found + condition_patterns(route)


def condition_patterns(route: str) -> tuple[re.Pattern[str], ...]:
    """:data:`CONDITION_IDS` for a route that names the sender property; none for the others, which need no pass."""
    return CONDITION_IDS if SENDER in route.lower() else ()


@lru_cache(maxsize=256)
def _literal_route_patterns(module: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    escaped = re.escape(module)
    return (re.compile(rf"/messages/modules/(?P<id>{escaped})(?=/|\s|$|\")"),
            re.compile(rf"/modules/(?P<id>{escaped})(?=/inputs/)"))


def route_names(route: str, module: str) -> bool:
    """Whether a route names ``module`` where :func:`rename_in_route` would rewrite it."""
    if not module or (module not in route and "\\" not in route):  # an escaped id is not written as it reads
        return False
    return any(named_id(match) == module for pattern in _route_patterns(module, route)
               for match in pattern.finditer(route))


def rename_in_route(route: str, old: str, new: str) -> str:
    """Rewrite module id ``old`` to ``new`` in a route's sources, BrokeredEndpoint sinks and
    ``$connectionModuleId`` conditions."""
    if not old or (old not in route and "\\" not in route):
        return route

    def replacement(match: re.Match[str]) -> str:  # no backslash escapes in names, unlike a template
        if named_id(match) != old:
            return match.group(0)
        start, end = match.span("id")
        whole, base = match.group(0), match.start()
        return whole[:start - base] + new + whole[end - base:]

    for pattern in _route_patterns(old, route):
        route = pattern.sub(replacement, route)
    return route
