"""Findings: the failures of a report grouped by root cause.

A finding is one cause, the first printed line, definition or hypothesis that is wrong, with
everything that fails because of it. The walk from a failure to its cause:
- a failing step that is derived from (``follows``) or invokes (``uses``) something that fails
  fails because of it: its cause is that one's cause;
- a violated statement whose proof breaks on its own witness (``proof.cause``), or else at its first
  failing step, fails because of that step;
- anything else is its own cause.
The finding's class is its cause's diagnosis; where a member's own class differs, the finding says
so and takes the strongest evidence of growth (a family along which the ratio grows is evidence a
bounded-looking witness cannot undo). Its consequence for the main result follows the proof graph:
does the main result rely on a member, and does every link between them have a form that stands
(the narrower form the proof uses, or the repair)?

Everything here reads the report's data (the JSON form of the results), so a report read back from
a file gets the same findings as the run that wrote it; reporters render them and compute nothing.
"""
from __future__ import annotations

from typing import Any

from proofcheck.core.pack import on_model_class
from proofcheck.core.results import Finding, FindingClass, StatementResult, to_dict
from proofcheck.report.graph import relies_on
from proofcheck.search.shrink import complexity

FAILING_STEP = ("violated", "disproved")
STANDING = ("holds", "proved")
# most severe first: growth without a bound, then a missing factor, a missing hypothesis, a constant
SEVERITY = {"unbounded": 6, "missing-factor": 5, "missing-hypothesis": 4, "uniformity": 4, "constant-slip": 3,
            "unclassified": 2, "typo": 1}


def _index(report: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """Every statement and step of a report by id, with the statement a step belongs to."""
    out: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for s in report["statements"]:
        out[s["id"]] = (s, None)
        for step in ((s.get("proof") or {}).get("steps") or []):
            out[step["id"]] = (step, s)
    return out


def _fails(item: dict[str, Any], parent: dict[str, Any] | None) -> bool:
    return item.get("verdict") in (FAILING_STEP if parent is not None else ("violated",))


def root_of(report: dict[str, Any], target: str) -> str:
    """The id of the first wrong line ``target`` fails because of (itself when nothing it rests on fails)."""
    index = _index(report)
    seen = {target}
    current = target
    while True:
        item, parent = index[current]
        nxt = None
        if parent is not None:
            # a step on a wider model class fails with the same line of the printed proof, where that fails
            owner, _, k = current.rpartition(":step-")
            printed = f"{on_model_class(owner)[0]}:step-{k}"
            nxt = next((u for u in [printed] + list(item.get("follows") or []) + list(item.get("uses") or [])
                        if u in index and _fails(*index[u]) and u not in seen), None)
        else:
            proof = item.get("proof") or {}
            # on a wider model class, the statement fails because the printed one fails on its own models;
            # else at the step that fails on the statement's own witness, else the first that fails at all
            declared = on_model_class(current)[0]
            nxt = next((c for c in (declared, proof.get("cause"), proof.get("first_failing"))
                        if c in index and c not in seen and _fails(*index[c])), None)
            if nxt is None:
                nxt = next((u for u in relies_on(item) if u in index and u not in seen
                            and inherited_growth(item, index[u][0])), None)
        if nxt is None:
            return current
        seen.add(nxt)
        current = nxt


def _growth(item: dict[str, Any]) -> tuple[str, list[float]] | None:
    """The scale a failing statement grows along and its power's interval, from its diagnosis or its
    uniformity family (None where it shows no converged power)."""
    d = item.get("diagnosis") or {}
    u = d.get("uniformity") or {}
    for source in (d, u if u.get("grows") else {}):
        if source.get("parameter") and source.get("interval") and source["interval"][0] is not None:
            return source["parameter"], list(source["interval"])
    return None


def inherited_growth(item: dict[str, Any], used: dict[str, Any]) -> bool:
    """Whether a failing statement's growth is that of a failing statement its proof uses: both grow
    along the same scale with powers whose intervals meet (a statement built on a bound that misses
    s^e misses s^e itself). A different scale or a power apart from it is a cause of its own."""
    if used.get("verdict") != "violated":
        return False
    mine, theirs = _growth(item), _growth(used)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    return mine[1][0] <= theirs[1][1] and theirs[1][0] <= mine[1][1]


def path(report: dict[str, Any], start: str, target: str) -> list[str] | None:
    """A shortest chain of 'relies on' from ``start`` down to ``target`` (None when there is none)."""
    by_id = {s["id"]: s for s in report["statements"]}
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for x in frontier:
            for u in relies_on(by_id.get(x, {})):
                if u not in previous:
                    previous[u] = x
                    nxt.append(u)
        frontier = nxt
    if target not in previous:
        return None
    out, x = [], target
    while x is not None:
        out.append(x)
        x = previous[x]
    return list(reversed(out))


def dependents(report: dict[str, Any], target: str) -> list[str]:
    """The statements whose proofs rely on ``target``, directly or through others, in report order."""
    ids = [s["id"] for s in report["statements"]]
    return [i for i in ids if i != target and path(report, i, target) is not None]


def _consequence(report: dict[str, Any], main: str | None, members: list[str]) -> tuple[str, bool | None]:
    """Whether the main result survives the members' failure, and through which forms, in words."""
    by_id = {s["id"]: s for s in report["statements"]}
    if main is None or main not in by_id:
        return ("the document declares no main result in this report", None)
    verdict = by_id[main]["verdict"]
    chains = [c for c in (path(report, main, m.split(":step-")[0]) for m in members) if c]
    if not chains:
        return (f"{main} ({verdict} as checked directly) does not rely on it", verdict in STANDING)
    chain = min(chains, key=len)
    broken, held = [], []
    for x in chain[1:]:
        if by_id.get(x, {}).get("verdict") in STANDING:
            continue
        forms = [by_id[f] for f in (x + ":as-used", x + ":repaired") if f in by_id]
        standing = [f for f in forms if f["verdict"] in STANDING]
        (held if standing else broken).append(
            f"{x} through {standing[0]['id']} ({standing[0]['verdict']})" if standing else x)
    route = " -> ".join(chain)
    if broken:
        return (f"{main}'s proof relies on it ({route}) and {', '.join(broken)} has no form that stands: the proof as "
                f"printed does not establish {main} ({verdict} as checked directly)", False if verdict not in STANDING else None)
    return (f"{main} survives ({verdict} as checked directly): its proof relies on it ({route}), but only through "
            f"{', '.join(held) if held else 'links that stand'}", verdict in STANDING)


def _diagnosis(item: dict[str, Any]) -> dict[str, Any]:
    return item.get("diagnosis") or {}


def find(report: dict[str, Any], main: str | None = None) -> list[Finding]:
    """The report's findings, most severe first, ids F1, F2, ..."""
    index = _index(report)
    groups: dict[str, list[str]] = {}
    for sid, (item, parent) in index.items():
        declared = on_model_class(sid)[0]
        if declared.endswith(":repaired") and parent is None and item.get("verdict") == "violated":
            # a repair that fails is a finding of its own (its model class's with it, where both fail)
            own = declared if declared in index and _fails(*index[declared]) else sid
            groups.setdefault(own, []).append(sid)
        elif _fails(item, parent):
            groups.setdefault(root_of(report, sid), []).append(sid)
    found = []
    for cause, members in groups.items():
        members = [cause] + [m for m in members if m != cause]
        found.append(_finding(report, index, cause, members, main))
    found.sort(key=lambda f: (f.main_survives is not False, -f.severity, list(index).index(f.cause)))
    for k, f in enumerate(found, 1):
        f.id = f"F{k}"
    return found


def _finding(report: dict[str, Any], index: dict[str, Any], cause: str, members: list[str], main: str | None) -> Finding:
    item, parent = index[cause]
    diagnosed = [(m, _diagnosis(index[m][0])) for m in members if _diagnosis(index[m][0]).get("klass")]
    own = _diagnosis(item)
    klass = own.get("klass") or "unclassified"
    decided_by, d = cause, own
    agreement = ""
    # the class a reader meets is the printed statement's (its families do not depend on which line of
    # its proof a seed's search broke first); a line's own class decides where no statement fails,
    # and the strongest evidence where the statement's is unclassified
    # a member that only inherits a growth from another member (``inherited_growth``) does not speak for the line
    inheritors = {m for m in members if index[m][1] is None
                  and any(u in index and inherited_growth(index[m][0], index[u][0]) for u in relies_on(index[m][0]))}
    stated = next(((m, dd) for m, dd in diagnosed if index[m][1] is None and dd["klass"] != "unclassified"
                   and m not in inheritors), None)
    if klass != "typo" and stated is not None and stated[0] != cause:
        decided_by, d = stated
    elif klass in ("unclassified", "constant-slip") and klass != "typo":
        strongest = max(((m, dd) for m, dd in diagnosed if m not in inheritors),
                        key=lambda md: SEVERITY.get(md[1]["klass"], 0), default=None)
        if strongest is not None and SEVERITY.get(strongest[1]["klass"], 0) > SEVERITY.get(klass, 0):
            decided_by, d = strongest
    if decided_by != cause and d["klass"] != klass:
        agreement = (f"the finding's class is {decided_by}'s ({d['klass']}); its first wrong line, {cause}, shows {klass} "
                     "from its own witness")
    klass = d.get("klass") or klass
    others = [f"{m}: {dd['klass']}" for m, dd in diagnosed if m != decided_by and dd["klass"] != klass]
    if others:
        agreement = "; ".join(filter(None, [agreement, "members classified otherwise on their own witnesses: "
                                            + ", ".join(others)]))
    inherited = [_inheritance(m, index[m][0], index) for m in members if index[m][1] is None and m != decided_by]
    agreement = "; ".join(filter(None, [agreement] + inherited))
    uniform = next((dd.get("uniformity") for _, dd in diagnosed if (dd.get("uniformity") or {}).get("grows")), None)
    evidence = d.get("evidence") or d.get("reason") or ""
    if uniform:
        lo, hi = uniform.get("interval") or (None, None)
        evidence += (f"; uniformity: with {uniform['fixed']} and every hypothesis holding, the left side grows like "
                     f"{uniform['parameter']}^{uniform.get('exponent') or float('nan'):.4g}"
                     + (f" ({lo:.4g} .. {hi:.4g})" if lo is not None else ""))
    predicted = next((dd.get("predicted") for _, dd in diagnosed if dd.get("predicted")), None) or []
    for p in predicted:
        factor = p.get("factor")
        if factor:
            evidence += (f"; the symbolic scaling audit predicted it before any search: `{p['term']}` misses "
                         f"{factor['quantity']}^{factor['power']}")
    repair_of = next((dd for _, dd in diagnosed if dd.get("repair")), {})
    by_id = {s["id"]: s for s in report["statements"]}
    repaired = by_id.get(repair_of.get("repair") or "")
    statements = [m for m in members if index[m][1] is None]
    consequence, survives = _consequence(report, main, statements or [cause])
    witness, witness_ratio, exact = _readable_witness([own] + [dd for _, dd in diagnosed])
    return Finding(
        id="", klass=FindingClass(klass), cause=cause, text=item.get("text") or item.get("statement", ""),
        place=item.get("place") or item.get("ref", ""), members=members, evidence=evidence.strip("; "),
        parameter=d.get("parameter"), exponent=d.get("exponent"), interval=d.get("interval"), constant=d.get("constant"),
        constant_interval=_standing_interval(d.get("constant_interval"), by_id.get(d.get("repair") or "", {}).get("verdict")),
        witness=witness, witness_ratio=witness_ratio, witness_certified=witness is not None, witness_closed_form=exact,
        reading=own.get("reading", ""),
        reading_verdict=own.get("reading_verdict"), hypothesis=d.get("hypothesis", ""), repair=repair_of.get("repair"),
        repair_statement=(repaired or {}).get("statement", repair_of.get("repair_statement", "")),
        repair_verdict=(repaired or {}).get("verdict", repair_of.get("repair_verdict")),
        repair_ratio=(repaired or {}).get("worst_ratio", repair_of.get("repair_ratio")), agreement=agreement,
        dependents=sorted({x for m in statements for x in dependents(report, m)} - set(members)),
        consequence=consequence, main_survives=survives, severity=SEVERITY.get(klass, 0))


def _inheritance(sid: str, item: dict[str, Any], index: dict[str, Any]) -> str:
    """Why a statement that fails with a growth of a statement it uses is in that one's finding, its
    own evidence beside it."""
    used = next((u for u in relies_on(item) if u in index and inherited_growth(item, index[u][0])), None)
    if used is None:
        return ""
    parameter, (lo, hi) = _growth(item)
    own = _diagnosis(item)
    repair = own.get("repair")
    repaired = f"; its own repair, {repair}, {index[repair][0].get('verdict')}" if repair in index else ""
    return (f"{sid} grows along {parameter} with a power in {lo:.4g} .. {hi:.4g}, as {used}, which its proof uses, "
            f"does: it inherits {used}'s failure ({sid}'s own evidence: {own.get('evidence', '')}{repaired})")


def _standing_interval(interval: list[float | None] | None, repair_verdict: str | None) -> list[float | None] | None:
    """A constant slip's interval, its upper end (the repair's constant) kept only where the repair stands."""
    if not interval:
        return None
    return [interval[0], interval[1] if repair_verdict in STANDING else None]


def _readable_witness(diagnoses: list[dict[str, Any]]
                      ) -> tuple[dict[str, Any] | None, float | None, dict[str, Any] | None]:
    """The certified witness a reader checks most easily among the members' shrunk witnesses and the
    certified points of their growing families (fewest dimensions, then fewest digits; one with its sides
    in closed form first among equals), its ratio, and its closed form where the diagnosis found one."""
    candidates = [(dd["shrunk_witness"], dd.get("shrunk_ratio"), dd.get("closed_form")) for dd in diagnoses
                  if dd.get("shrunk_certified") and dd.get("shrunk_witness")]
    candidates += [(p["witness"], p["ratio"], None) for dd in diagnoses for p in dd.get("sequence") or []
                   if p.get("certified") and p.get("witness")]
    if not candidates:
        return None, None, None
    return min(candidates, key=lambda c: (complexity(c[0]), c[2] is None))


def stamp(statements: list[Any], found: list[Finding]) -> None:
    """Each failing statement and step (typed results) names the finding it belongs to."""
    owner = {m: f.id for f in found for m in f.members}
    for s in statements:
        s.finding = owner.get(s.id)
        for step in (s.proof.steps if s.proof else []):
            step.finding = owner.get(step.id)


def findings_of(statements: list[StatementResult], main_result: str | None) -> list[Finding]:
    """The findings of a run's results (``main_result``: the document's, from its pack), each failing
    statement and step stamped with its finding's id."""
    found = find({"statements": [to_dict(s) for s in statements]}, main_result)
    stamp(statements, found)
    return found
