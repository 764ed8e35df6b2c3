"""Validate the labelled set of the automatic observer and print its label counts.

Run from the repository root:  python eval/observer/counts.py

It checks every line of dev.jsonl and heldout.jsonl (valid JSON, required fields, labels from
the twelve, unique ids, lang nl/en, a known profession and skill, non-empty text) and prints,
for each file, how often each label occurs per language. Exit status 1 when a check fails.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = ("dev.jsonl", "heldout.jsonl")
LABELS = (
    "advice",
    "advice_as_question",
    "open_question",
    "closed_question",
    "stacked_questions",
    "snapshot",
    "earlier_success",
    "own_story",
    "reassurance",
    "correction",
    "time_frame",
    "minimal_encourager",
)
LANGS = ("nl", "en")
PROFESSIONS = ("teamleider", "coach", "arts", "verpleegkundige", "mentor", "stagebegeleider")
SKILLS = (
    "al-geweest",
    "kwartje",
    "tijd-heilig",
    "fotos",
    "handen",
    "aardappel",
    "stilte",
    "alles-mag",
    "een-keer",
)
FIELDS = ("id", "lang", "profession", "skill", "context", "text", "labels")


def load(path: Path) -> tuple[list[dict], list[str]]:
    """The records of one file and the problems found in it (line by line)."""
    records: list[dict] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: invalid JSON ({error})")
            continue
        problems.extend(f"{where}: {p}" for p in check(record))
        records.append(record)
    return records, problems


def check(record: object) -> list[str]:
    """What is wrong with one record (empty when nothing is)."""
    if not isinstance(record, dict):
        return ["not an object"]
    problems = [f"missing field {f!r}" for f in FIELDS if f not in record]
    if problems:
        return problems
    problems += [f"unknown field {f!r}" for f in record if f not in FIELDS]
    for field in ("id", "lang", "profession", "skill", "context", "text"):
        if not isinstance(record[field], str):
            problems.append(f"{field} is not a string")
    if problems:
        return problems
    if record["lang"] not in LANGS:
        problems.append(f"lang {record['lang']!r} not in {LANGS}")
    if record["profession"] not in PROFESSIONS:
        problems.append(f"unknown profession {record['profession']!r}")
    if record["skill"] not in SKILLS:
        problems.append(f"unknown skill {record['skill']!r}")
    if not record["text"].strip():
        problems.append("empty text")
    labels = record["labels"]
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        problems.append("labels is not a list of strings")
    else:
        problems += [f"unknown label {x!r}" for x in labels if x not in LABELS]
        if len(set(labels)) != len(labels):
            problems.append("a label occurs twice")
    return problems


def table(records: list[dict]) -> str:
    """A Markdown table: one row per label, one column per language."""
    counts = {lang: Counter() for lang in LANGS}
    turns = Counter(r["lang"] for r in records)
    for r in records:
        counts[r["lang"]].update(r["labels"] or ["(none)"])
    rows = ["| label | nl | en |", "|---|---:|---:|"]
    for label in (*LABELS, "(none)"):
        rows.append(f"| {label} | {counts['nl'][label]} | {counts['en'][label]} |")
    rows.append(f"| **turns** | {turns['nl']} | {turns['en']} |")
    return "\n".join(rows)


def main() -> int:
    problems: list[str] = []
    seen: dict[str, str] = {}
    loaded: dict[str, list[dict]] = {}
    for name in FILES:
        path = HERE / name
        if not path.exists():
            problems.append(f"{name}: missing")
            continue
        records, found = load(path)
        problems += found
        for r in records:
            rid = r.get("id")
            if isinstance(rid, str):
                if rid in seen:
                    problems.append(f"{name}: id {rid} also in {seen[rid]}")
                seen[rid] = name
        loaded[name] = [r for r in records if not check(r)]
    for name, records in loaded.items():
        print(f"### {name}\n\n{table(records)}\n")
    if len(loaded) == len(FILES):
        print(f"### both files\n\n{table([r for rs in loaded.values() for r in rs])}\n")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
