"""Validate the labelled set of the automatic observer and print its label counts.

Run from the repository root:  python eval/observer/counts.py [FILE ...]

It checks every line of the dev files (dev.jsonl to dev4.jsonl) and the held-out files
(heldout.jsonl, heldout2.jsonl): valid JSON, required fields, labels from the twelve, ids of the
form <lang>-<dev|dv2|dv3|dv4|ho|ho2>-<number> and unique across the files, lang nl/en, a known
profession and skill, non-empty text, the label conventions; and prints, for each file, how
often each label occurs per language. Give file names (for instance ``dev4.jsonl``) to check
and count only those; the default is all six. Problems are reported by file and line number
only: the script never prints the text of a line, so it shows nothing of the held-out turns
beyond their counts. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (
    "dev.jsonl",
    "dev2.jsonl",
    "dev3.jsonl",
    "dev4.jsonl",
    "heldout.jsonl",
    "heldout2.jsonl",
)
DEV_FILES = ("dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl")
SPLIT = {
    "dev.jsonl": "dev",
    "dev2.jsonl": "dv2",
    "dev3.jsonl": "dv3",
    "dev4.jsonl": "dv4",
    "heldout.jsonl": "ho",
    "heldout2.jsonl": "ho2",
}
ID = re.compile(r"^(nl|en)-(dev|dv2|dv3|dv4|ho|ho2)-\d{4}$")
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
        found = check(record)
        if not found:
            found = check_id(record, SPLIT.get(path.name))
        problems.extend(f"{where}: {p}" for p in found)
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
        problems += conventions(set(labels))
    return problems


def check_id(record: dict, split: str | None) -> list[str]:
    """Whether the id has the form <lang>-<split>-<number> for this record and file."""
    match = ID.match(record["id"])
    if not match:
        return [f"id {record['id']!r} is not <lang>-<dev|dv2|dv3|dv4|ho|ho2>-<number>"]
    if match.group(1) != record["lang"]:
        return [f"id {record['id']!r} does not match lang {record['lang']!r}"]
    if split is not None and match.group(2) != split:
        return [f"id {record['id']!r} does not belong in this file (expected {split!r})"]
    return []


def conventions(labels: set[str]) -> list[str]:
    """The label conventions of the guides that a set of labels breaks."""
    problems = []
    if "advice_as_question" in labels and labels & {"open_question", "closed_question"}:
        problems.append("advice_as_question together with open_question/closed_question")
    if "minimal_encourager" in labels and labels != {"minimal_encourager"}:
        problems.append("minimal_encourager together with other labels")
    if "stacked_questions" in labels and not labels & {
        "open_question",
        "closed_question",
        "advice_as_question",
    }:
        problems.append("stacked_questions without a question label")
    if "earlier_success" in labels and not labels & {"open_question", "closed_question"}:
        problems.append("earlier_success without open_question/closed_question")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help=f"any of {', '.join(FILES)}")
    names = tuple(dict.fromkeys(parser.parse_args(argv).files)) or FILES
    unknown = [name for name in names if name not in FILES]
    if unknown:
        parser.error(f"unknown file(s) {', '.join(unknown)}; choose from {', '.join(FILES)}")
    problems: list[str] = []
    seen: dict[str, str] = {}
    loaded: dict[str, list[dict]] = {}
    for name in names:
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
    dev = [name for name in DEV_FILES if name in loaded]
    if len(dev) > 1:
        together = [r for name in dev for r in loaded[name]]
        print(f"### {' + '.join(dev)}\n\n{table(together)}\n")
    if len(loaded) == len(FILES):
        print(f"### all files\n\n{table([r for rs in loaded.values() for r in rs])}\n")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
