"""Expand zh_kg.src / en_kg.src ("@subject" blocks, "relation: v1；v2" lines) into TSV files."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADERS = {
    "zh": ["# CuteKG held-out set 12 (Chinese): Chinese martial arts styles (拳种), masters and their lineages, boxing",
           "# manuals; embroidery, brocade and the scholar's four treasures (笔墨纸砚) with their makers; ancient towns and",
           "# walled cities; cities and provinces. subject<TAB>relation<TAB>object.",
           "# Generated from zh_kg.src by build_kg.py; the KG is the truth for zh_eval.jsonl."],
    "en": ["# CuteKG held-out set 12 (English): ballets, choreographers, composers, original casts, ballet companies and",
           "# theatres; thoroughbred racehorses, their sires and dams, trainers, jockeys, owners, races and racecourses;",
           "# places. subject<TAB>relation<TAB>object.",
           "# Generated from en_kg.src by build_kg.py; the KG is the truth for en_eval.jsonl."],
}

def expand(src: Path):
    triples, subj = [], None
    sep = "；" if src.name.startswith("zh") else " ;; "
    for n, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            subj = line[1:].strip()
            continue
        rel, _, vals = line.partition(": ")
        if not vals or subj is None:
            sys.exit(f"{src}:{n}: bad line {raw!r}")
        for v in vals.split(sep):
            triples.append((subj, rel.strip(), v.strip()))
    return triples

for lang in ("zh", "en"):
    src = HERE / f"{lang}_kg.src"
    if not src.exists():
        continue
    t = expand(src)
    out = HEADERS[lang] + ["\t".join(x) for x in t]
    (HERE / f"{lang}_kg.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(lang, len(t), "triples")
