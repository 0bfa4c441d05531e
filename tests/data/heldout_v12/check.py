"""Check the held-out set 12 files against their KGs. Pure Python; reads only files in this folder.

    python3 check.py        # prints a summary, exits 1 with the list of failures

Spec language (specs.jsonl, one object per question: {"file", "question", "spec"}):
  set expression  {"start": [nodes], "path": [[relation, "fwd"|"inv"], ...],
                   "filter": [{"rel", "value"?, "neg"?}], "exclude_start": bool, "exclude": [nodes]}
                  or {"and": [set expression, ...]} (intersection)
                  (a filter without "value" keeps the nodes that have the relation at all; a filter
                  must remove something, or it is an error)
  ops  {"op": "set", "set": E}                  gold = the members of E (all of them when |E| <= 6)
       {"op": "count", "set": E, "members": E2?} gold[0] = |E|; gold[1:] = the members of E2
       {"op": "argmax"|"argmin", "set": E, "attr": R}   gold = the member with the largest/smallest R
       {"op": "compare", "entities": [A, B], "attr": R, "dir": "max"|"min", "yesno": A?}
                                                gold = the winner, or yes/no whether `yesno` wins
       {"op": "absent", "entity": X, "rels": [R...]}    X is in the KG and has none of the relations
       {"op": "absent_entity", "name": N}       no KG node contains N
A gold string matches a node when one of its `|` alternatives is a substring of the node.
Besides the golds, the checker enforces the shape of the set: type counts, 8 filtered counts, 4 yes/no
compares, 2 two-hop superlatives, 14 + 6 negatives, hop counts of the English types, traditional-only
characters in the traditional questions (and none in the others), no question template used more than
twice, and that relations the KG stores both ways agree (see PAIRED).
Dates are read as (year, month, day); a year written 前260年 (260 BC) is read as -260.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
YES, NO = "是|对", "不|否|没有"
NEG = "没有|不知道|未找到|无"
EXPECTED_TYPES = {
    "zh_eval.jsonl": {"count": 20, "compare": 20, "superlative": 20, "intersection": 20, "negative": 20, "traditional": 20},
    "en_eval.jsonl": {"two_hop": 30, "three_hop": 20, "co_star": 15, "inverse": 15},
}
KG_OF = {"zh_eval.jsonl": "zh_kg.tsv", "en_eval.jsonl": "en_kg.tsv"}
# Traditional forms and their simplified counterparts (only characters whose simplified form is not
# also a valid traditional character: 里 and 于 are left out, as in 哪裡, 貞豐里 and 位於).
TRAD = "龍麼貫楊無敵誰創紙產槍過貞豐個詠發兒師極屬雲錦別親遙繡幾種孫祿廣東紀較莊與潯鎮歷葉問"
SIMP = "龙么贯杨无敌谁创纸产枪过贞丰个咏发儿师极属云锦别亲遥绣几种孙禄广东纪较庄与浔镇历叶问"
assert len(TRAD) == len(SIMP)
# Units a quantity may carry, with their factor to a base unit (longest first).
UNITS = [("平方千米", 1e6), ("公顷", 1e4), ("米", 1.0), ("篇", 1.0), ("人", 1.0)]
# Relations stored both ways. "inverse": every (s, a, o) has (o, b, s) and back; "symmetric": (s, r, o) has
# (o, r, s); "complete": a subject that has any `a` has exactly the `a` values that the inverse `b` gives
# (主要著作: a person's books are all the books whose 作者 is that person).
PAIRED = {
    "zh_kg.tsv": [("inverse", "师父", "徒弟"), ("inverse", "父亲", "子女"), ("inverse", "丈夫", "妻子"),
                  ("complete", "主要著作", "作者")],
    "en_kg.tsv": [("symmetric", "spouse", "spouse")],
}


class KG:
    def __init__(self, triples):
        self.triples = triples
        self.out = defaultdict(lambda: defaultdict(list))
        self.inn = defaultdict(lambda: defaultdict(list))
        for s, r, o in triples:
            self.out[s][r].append(o)
            self.inn[o][r].append(s)
        self.nodes = set(self.out) | set(self.inn)
        self.relations = {r for _, r, _ in triples}


def load_kg(name: str, errors: list[str] | None = None) -> KG:
    errors = [] if errors is None else errors
    triples, seen = [], set()
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells) or any(c != c.strip() for c in cells):
            errors.append(f"{name}:{n}: not 3 clean non-empty tab-separated fields: {line!r}")
            continue
        t = tuple(cells)
        if t in seen:
            errors.append(f"{name}:{n}: duplicate triple {t}")
        if t[0] == t[2]:
            errors.append(f"{name}:{n}: self-loop {t}")
        seen.add(t)
        triples.append(t)
    return KG(triples)


def matches(gold: str, node: str) -> bool:
    return any(alt and alt in node for alt in gold.split("|"))


def eval_set(kg: KG, e: dict) -> set[str]:
    if "and" in e:
        sets = [eval_set(kg, x) for x in e["and"]]
        return set.intersection(*sets)
    for s in e["start"]:
        if s not in kg.nodes:
            raise AssertionError(f"start node {s!r} is not in the KG")
    cur = set(e["start"])
    for rel, direction in e["path"]:
        if rel not in kg.relations:
            raise AssertionError(f"relation {rel!r} is not in the KG")
        nxt = set()
        for n in cur:
            nxt.update((kg.out if direction == "fwd" else kg.inn)[n].get(rel, []))
        cur = nxt
    for f in e.get("filter", []):
        def has(n, f=f):
            vals = kg.out[n].get(f["rel"], [])
            return (f["value"] in vals) if "value" in f else bool(vals)
        if f["rel"] not in kg.relations:
            raise AssertionError(f"filter relation {f['rel']!r} is not in the KG")
        before = set(cur)
        cur = {n for n in cur if has(n) != bool(f.get("neg"))}
        if cur == before:
            raise AssertionError(f"filter {f} removes nothing from {sorted(before)}")
    if e.get("exclude_start"):
        cur -= set(e["start"])
    cur -= set(e.get("exclude", []))
    return cur


_DATE = re.compile(r"(公元前|前)?(\d{1,4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUM = re.compile(r"(-?\d+(?:\.\d+)?)\s*(万|亿)?(.*)$")


def parse_value(attr: str, value: str):
    if any(w in attr for w in ("时间", "日期", "年份")):
        m = _ISO.search(value)
        if m:
            return tuple(int(x) for x in m.groups())
        m = _DATE.search(value)
        if not m:
            raise AssertionError(f"cannot read a date in {value!r}")
        bc, y, mo, d = m.groups()  # 前145年 (145 BC) is read as year -145
        return (-int(y) if bc else int(y), int(mo or 0), int(d or 0))
    m = _NUM.search(value)
    if not m:
        raise AssertionError(f"cannot read a quantity in {value!r}")
    factor = next((f for u, f in UNITS if m.group(3).startswith(u)), 1.0)
    return float(m.group(1)) * {"万": 1e4, "亿": 1e8, None: 1}[m.group(2)] * factor


def one_value(kg: KG, node: str, attr: str):
    vals = kg.out[node].get(attr, [])
    if len(vals) != 1:
        raise AssertionError(f"{node!r} has {len(vals)} values of {attr!r}, need exactly 1")
    return parse_value(attr, vals[0])


def match_all(golds: list[str], members: set[str], cap: int | None) -> None:
    """Each gold matches a distinct member; when |members| <= cap, every member is matched too."""
    members_l = sorted(members)
    assign: dict[str, int] = {}

    def try_gold(i, seen):
        for m in members_l:
            if matches(golds[i], m) and m not in seen:
                seen.add(m)
                if m not in assign or try_gold(assign[m], seen):
                    assign[m] = i
                    return True
        return False

    for i, g in enumerate(golds):
        if not try_gold(i, set()):
            raise AssertionError(f"gold {g!r} matches no (unused) member of {members_l}")
    if cap is not None and len(members) <= cap and len(golds) != len(members):
        raise AssertionError(f"gold lists {len(golds)} of {len(members)} members {members_l}")
    if cap is not None and len(members) > cap and len(golds) != cap:
        raise AssertionError(f"{len(members)} members: expected {cap} gold strings, got {len(golds)}")


def check_spec(kg: KG, q: dict, spec: dict) -> None:
    op, ans = spec["op"], q["answers"]
    if op == "set":
        s = eval_set(kg, spec["set"])
        if not s:
            raise AssertionError("empty gold set")
        match_all(ans, s, 6)
        if "gold_size" in q and q["gold_size"] != len(s):
            raise AssertionError(f"gold_size {q['gold_size']} but the KG gives {len(s)}: {sorted(s)}")
    elif op == "count":
        s = eval_set(kg, spec["set"])
        if ans[0] != str(len(s)):
            raise AssertionError(f"count gold {ans[0]} but the KG gives {len(s)}: {sorted(s)}")
        if "members" in spec:
            match_all(ans[1:], eval_set(kg, spec["members"]), 6)
        elif len(ans) > 1:
            raise AssertionError("extra gold strings without a members spec")
    elif op in ("argmax", "argmin"):
        s = eval_set(kg, spec["set"])
        if len(s) < 2:
            raise AssertionError(f"superlative over {len(s)} members")
        vals = {m: one_value(kg, m, spec["attr"]) for m in s}
        best = (max if op == "argmax" else min)(vals.values())
        winners = [m for m, v in vals.items() if v == best]
        if len(winners) != 1:
            raise AssertionError(f"tie for {op}: {winners}")
        if len(ans) != 1 or not matches(ans[0], winners[0]):
            raise AssertionError(f"gold {ans} but the KG's winner is {winners[0]}")
        if any(matches(ans[0], m) for m in s if m != winners[0]):
            raise AssertionError(f"gold {ans[0]!r} also matches a loser")
    elif op == "compare":
        a, b = spec["entities"]
        va, vb = one_value(kg, a, spec["attr"]), one_value(kg, b, spec["attr"])
        if va == vb:
            raise AssertionError("tie")
        winner, loser = (a, b) if (va > vb) == (spec["dir"] == "max") else (b, a)
        if "yesno" in spec:
            expect = YES if spec["yesno"] == winner else NO
            if ans != [expect]:
                raise AssertionError(f"yes/no gold {ans} but expected {expect} ({winner} wins)")
        else:
            if len(ans) != 1 or not matches(ans[0], winner) or matches(ans[0], loser):
                raise AssertionError(f"gold {ans} but the winner is {winner} (loser {loser})")
    elif op == "absent":
        e = spec["entity"]
        if e not in kg.out:
            raise AssertionError(f"{e!r} is not a subject in the KG")
        present = [r for r in kg.out[e] if r in spec["rels"]]
        if present:
            raise AssertionError(f"{e!r} has {present}")
        if ans != [NEG]:
            raise AssertionError("negative gold must be " + NEG)
    elif op == "absent_entity":
        hits = [n for n in kg.nodes if spec["name"] in n]
        if hits:
            raise AssertionError(f"{spec['name']!r} occurs in nodes {hits[:5]}")
        if ans != [NEG]:
            raise AssertionError("negative gold must be " + NEG)
    else:
        raise AssertionError(f"unknown op {op}")


def check_paired(kg: KG, rules) -> list[str]:
    errs, have = [], set(kg.triples)
    for kind, a, b in rules:
        if kind == "back":
            for s, r, o in kg.triples:
                if r == a and not any((o, x, s) in have for x in b):
                    errs.append(f"back {a}/{b}: ({s}, {a}, {o}) has none of {b} back")
            continue
        for s, r, o in kg.triples:
            if r == a and (o, b, s) not in have:
                errs.append(f"{kind} {a}/{b}: ({s}, {a}, {o}) has no ({o}, {b}, {s})")
            if kind == "inverse" and r == b and (o, a, s) not in have:
                errs.append(f"inverse {a}/{b}: ({s}, {b}, {o}) has no ({o}, {a}, {s})")
        if kind == "complete":
            for s in [n for n in kg.out if a in kg.out[n]]:
                if set(kg.out[s][a]) != set(kg.inn[s].get(b, [])):
                    errs.append(f"{s}: {a} {sorted(kg.out[s][a])} != the {b} edges into it {sorted(kg.inn[s].get(b, []))}")
    return errs


def template(q: str, kg: KG) -> str:
    """The question with every KG node name in it (longest first, 2+ characters; for Chinese also the name
    without its last character, so 苏州 for 苏州市) and every 《title》 blanked to X, and digits to 0."""
    names = set()
    for n in kg.nodes:
        if len(n) >= 2:
            names.add(n)
            if not n.isascii() and len(n) >= 3:
                names.add(n[:-1])
    t = re.sub(r"《[^》]*》", "X", q)
    for n in sorted(names, key=len, reverse=True):
        if n in t:
            t = t.replace(n, "X")
    return re.sub(r"\d+", "0", re.sub(r"\s+", " ", t)).strip()


def hops(e: dict) -> int:
    """Edges in a set expression (an intersection counts its longest branch)."""
    return max(hops(x) for x in e["and"]) if "and" in e else len(e["path"])


def check_shape(fname: str, kg: KG, shapes: list[tuple[dict, dict]]) -> list[str]:
    """The mix of question kinds the brief asks for, read off the specs."""
    errs, by_type = [], defaultdict(list)
    for q, spec in shapes:
        by_type[q["type"]].append((q, spec))
    def want(what, got, expect):
        if got != expect:
            errs.append(f"{what}: {got}, expected {expect}")
    if fname.startswith("zh"):
        want("count questions with a filter", sum(1 for _, s in by_type["count"] if s["op"] == "count" and (
            "filter" in s["set"] or "and" in s["set"])), 8)
        want("non-count specs among count questions", sum(1 for _, s in by_type["count"] if s["op"] != "count"), 0)
        want("compare questions", sum(1 for _, s in by_type["compare"] if s["op"] == "compare"), 20)
        want("yes/no compare questions", sum(1 for _, s in by_type["compare"] if "yesno" in s), 4)
        want("superlatives", sum(1 for _, s in by_type["superlative"] if s["op"] in ("argmax", "argmin")), 20)
        want("two-hop superlatives", sum(1 for _, s in by_type["superlative"] if hops(s["set"]) == 2), 2)
        want("intersections", sum(1 for _, s in by_type["intersection"] if s["op"] == "set" and "and" in s["set"]), 20)
        want("negatives about a missing relation", sum(1 for _, s in by_type["negative"] if s["op"] == "absent"), 14)
        want("negatives about a missing entity", sum(1 for _, s in by_type["negative"] if s["op"] == "absent_entity"), 6)
        trad = Counter("count" if s["op"] == "count" else "compare" if s["op"] == "compare" else f"{hops(s['set'])}-hop"
                       for _, s in by_type["traditional"])
        for kind in ("count", "1-hop", "2-hop"):
            if trad[kind] < 3:
                errs.append(f"traditional questions: only {trad[kind]} of kind {kind} ({dict(trad)})")
        aliases = sum(1 for _, r, _ in kg.triples if r in ("别名", "简称", "英文名", "中文名"))
        if aliases < 20:
            errs.append(f"only {aliases} alias triples")
    else:
        expect_hops = {"two_hop": 2, "three_hop": 3, "inverse": 1}
        for t, items in by_type.items():
            for q, s in items:
                e = s["set"]
                if t in expect_hops and hops(e) != expect_hops[t]:
                    errs.append(f"{t} question has {hops(e)} hops: {q['question']}")
                if t == "inverse" and any(d != "inv" for _, d in e["path"]):
                    errs.append(f"inverse question does not follow an edge backwards: {q['question']}")
                if t == "co_star" and not (e.get("exclude_start") and e["path"][0][1] != e["path"][-1][1]):
                    errs.append(f"co_star question must go out and back and exclude its entity: {q['question']}")
        styles = Counter("dotted" if "." in r else "camel" if re.search(r"[a-z][A-Z]", r) else "snake" if "_" in r else "plain"
                         for r in kg.relations)
        for style in ("dotted", "camel", "snake"):
            if not styles[style]:
                errs.append(f"no {style} relation names")
    return errs


def main() -> int:
    errors: list[str] = []
    kgs = {}
    for name in ("zh_kg.tsv", "en_kg.tsv"):
        kgs[name] = kg = load_kg(name, errors)
        if not 300 <= len(kg.triples) <= 800:
            errors.append(f"{name}: {len(kg.triples)} triples, outside 300-800")
        errors.extend(f"{name}: {e}" for e in check_paired(kg, PAIRED[name]))
        print(f"{name}: {len(kg.triples)} triples, {len(kg.nodes)} nodes, {len(kg.relations)} relations")
    specs = {}
    for n, line in enumerate((HERE / "specs.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        d = json.loads(line)
        key = (d["file"], d["question"])
        if key in specs:
            errors.append(f"specs.jsonl:{n}: second spec for {key}")
        specs[key] = d["spec"]
    all_questions = Counter()
    templates = Counter()
    used_specs = set()
    for fname, expected in EXPECTED_TYPES.items():
        kg = kgs[KG_OF[fname]]
        types = Counter()
        shapes: list[tuple[dict, dict]] = []
        for n, line in enumerate((HERE / fname).read_text(encoding="utf-8").splitlines(), 1):
            where = f"{fname}:{n}"
            q = json.loads(line)
            keys = {"question", "answers", "type", "need_knowledge"} | ({"gold_size"} if fname.startswith("en") else set())
            if set(q) != keys:
                errors.append(f"{where}: keys {sorted(q)} != {sorted(keys)}")
            if q.get("need_knowledge") is not True:
                errors.append(f"{where}: need_knowledge must be true")
            if not q["answers"] or not all(isinstance(a, str) and a for a in q["answers"]):
                errors.append(f"{where}: empty answers")
            if fname.startswith("en") and len(q["answers"]) > 6:
                errors.append(f"{where}: more than 6 gold strings")
            types[q["type"]] += 1
            all_questions[q["question"]] += 1
            if q["type"] == "traditional":
                if not any(c in TRAD for c in q["question"]) or any(c in SIMP for c in q["question"]):
                    errors.append(f"{where}: not written in traditional characters: {q['question']}")
            elif fname.startswith("zh") and any(c in TRAD for c in q["question"]):
                errors.append(f"{where}: traditional characters in a simplified question: {q['question']}")
            templates[template(q["question"], kg)] += 1
            # every gold string (one alternative) is a KG node or a substring of one
            spec = specs.get((fname, q["question"]))
            special = spec and (spec["op"] in ("absent", "absent_entity") or "yesno" in spec)
            if not special:
                for g in q["answers"]:
                    if not any(matches(g, node) for node in kg.nodes):
                        errors.append(f"{where}: gold {g!r} is not in the KG")
            if spec is None:
                errors.append(f"{where}: no spec")
                continue
            used_specs.add((fname, q["question"]))
            shapes.append((q, spec))
            try:
                check_spec(kg, q, spec)
            except AssertionError as exc:
                errors.append(f"{where}: {q['question']} -> {exc}")
        if dict(types) != expected:
            errors.append(f"{fname}: type counts {dict(types)} != {expected}")
        print(f"{fname}: {sum(types.values())} questions, {dict(types)}")
        errors.extend(f"{fname}: {e}" for e in check_shape(fname, kg, shapes))
    for t, c in templates.items():
        if c > 2:
            errors.append(f"question template used {c} times: {t}")
    for qtext, c in all_questions.items():
        if c > 1:
            errors.append(f"question repeated {c} times: {qtext}")
    for key in set(specs) - used_specs:
        errors.append(f"specs.jsonl: spec for an unknown question {key}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print(f"OK: all {len(used_specs)} questions checked against their specs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
