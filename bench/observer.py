"""Benchmark: the automatic observer — how well its labels agree with people's, and how fast.

Agreement, on the labelled set in ``BALLBACK_OBSERVER_EVAL_DIR`` (default: ``eval/observer`` of
the repository); a part that is absent is skipped with a note:

- ``heldout2.jsonl``: the fresh held-out part, written after the third tuning round by writers
  who never saw the rules; measured once per version of the rules, never tuned on;
- ``heldout.jsonl``: the first held-out part (also never tuned on; measured after each round);
- ``dev.jsonl`` … ``dev4.jsonl``: the tuning parts (the rules were tuned on them), printed
  together and marked as such.

For each part: per label precision, recall and F1 over all turns, per language and together,
and the macro-F1 (the mean of the per-label F1s).

Speed: helper turns per second of ``label_turn`` on one core (all turns of the set, or a
built-in sample without it, repeated until at least 2 s have passed; the median of 5 runs), and
the time to analyse a 40-turn transcript (parse, label, tally, feed-forward): median and p90
of 200 runs.

Targets printed next to the figures (PASS/MISS, never asserted): macro-F1 >= 0.85, every label
>= 0.75, Dutch within 0.05 of English, >= 1,000 turns/s.

``python -m bench.observer --dev-errors [LABEL]`` prints the dev turns (all tuning parts) the
rules get wrong, or only those wrong on LABEL (for tuning the rules; it never reads a held-out
part).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from bench.stats import ms, per_second, percentile, table, verdict

ROOT: Final = Path(__file__).resolve().parents[1]
EVAL_DIR_VARIABLE: Final = "BALLBACK_OBSERVER_EVAL_DIR"
TARGET_MACRO: Final = 0.85
TARGET_LABEL: Final = 0.75
TARGET_LANG_GAP: Final = 0.05
TARGET_TURNS_PER_S: Final = 1_000
THROUGHPUT_S: Final = 2.0
RUNS: Final = 5
TRANSCRIPT_RUNS: Final = 200
HELDOUT_PARTS: Final = (
    ("heldout2", "held-out 2 (the fresh evaluation part)"),
    ("heldout", "held-out 1 (the first evaluation part)"),
)
DEV_PARTS: Final = ("dev", "dev2", "dev3", "dev4")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled helper turn of the set."""

    id: str
    lang: str
    text: str
    context: str
    labels: frozenset[str]


def eval_dir() -> Path:
    """Where the labelled set lives: ``$BALLBACK_OBSERVER_EVAL_DIR`` or ``eval/observer``."""
    return Path(os.environ.get(EVAL_DIR_VARIABLE) or ROOT / "eval" / "observer")


def load(path: Path) -> list[Example]:
    """The examples of one JSON-lines file (blank lines skipped)."""
    examples = []
    with path.open(encoding="utf-8") as file:
        for line in file:
            if not line.strip():
                continue
            row: dict[str, Any] = json.loads(line)
            examples.append(
                Example(
                    str(row["id"]),
                    row["lang"],
                    row["text"],
                    row.get("context") or "",
                    frozenset(row["labels"]),
                )
            )
    return examples


@dataclass(frozen=True, slots=True)
class Scores:
    """Per label (precision, recall, F1, support) and their macro-F1."""

    per_label: dict[str, tuple[float, float, float, int]]
    macro_f1: float


def score(examples: Sequence[Example], predict: Callable[[Example], frozenset[str]]) -> Scores:
    """Precision, recall and F1 per label of ``predict`` against the examples' labels. A label
    neither predicted nor present scores F1 1.0 (nothing to get wrong); the macro-F1 averages
    the labels present in the examples or the predictions."""
    from bot.observer.labels import LABELS

    counts = {label: [0, 0, 0] for label in LABELS}  # true pos, false pos, false neg
    for example in examples:
        got = predict(example)
        for label in LABELS:
            if label in got and label in example.labels:
                counts[label][0] += 1
            elif label in got:
                counts[label][1] += 1
            elif label in example.labels:
                counts[label][2] += 1
    per_label = {}
    for label, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        per_label[label] = (precision, recall, f1, tp + fn)
    used = [f1 for label, (_, _, f1, _) in per_label.items() if sum(counts[label])]
    return Scores(per_label, statistics.fmean(used) if used else 1.0)


def _predict(example: Example) -> frozenset[str]:
    from bot.observer import label_turn

    return label_turn(example.text, example.lang, example.context)


def agreement(name: str, examples: Sequence[Example]) -> str:
    """The agreement table of one part of the set, per language and together."""
    both = score(examples, _predict)
    by_lang = {
        lang: score([e for e in examples if e.lang == lang], _predict) for lang in ("nl", "en")
    }
    rows = []
    for label, (precision, recall, f1, support) in both.per_label.items():
        nl_f1 = by_lang["nl"].per_label[label][2]
        en_f1 = by_lang["en"].per_label[label][2]
        cells = (f"{precision:.2f}", f"{recall:.2f}", f"{f1:.2f}", f"{nl_f1:.2f}")
        rows.append((label, (*cells, f"{en_f1:.2f}", str(support))))
    rows.append(
        (
            "macro-F1",
            (
                "",
                "",
                f"{both.macro_f1:.3f}",
                f"{by_lang['nl'].macro_f1:.3f}",
                f"{by_lang['en'].macro_f1:.3f}",
                str(len(examples)),
            ),
        )
    )
    worst = min(f1 for _, _, f1, _ in both.per_label.values())
    gap = by_lang["en"].macro_f1 - by_lang["nl"].macro_f1
    notes = [
        f"target macro-F1 >= {TARGET_MACRO}: {verdict(both.macro_f1 >= TARGET_MACRO)}",
        f"target every label >= {TARGET_LABEL} (lowest {worst:.2f}): "
        f"{verdict(worst >= TARGET_LABEL)}",
        f"target Dutch within {TARGET_LANG_GAP} of English (English - Dutch {gap:+.3f}): "
        f"{verdict(gap <= TARGET_LANG_GAP)}",
    ]
    return table(name, ("precision", "recall", "F1", "F1 nl", "F1 en", "support"), rows, notes)


def _sample_turns() -> list[tuple[str, str, str]]:
    """Helper turns to time when the labelled set is absent: a built-in mix of both languages."""
    return [
        ("en", "so what's on your mind today?", ""),
        ("en", "have you thought about just telling her how you feel", "she ignores me"),
        ("en", "mm", ""),
        ("en", "so you keep adjusting and it never ends. right?", "i keep adjusting"),
        ("en", "when i was in my first job i had exactly the same thing tbh", ""),
        ("en", "don't worry, it'll be fine. we have 5 min left btw", ""),
        ("nl", "heb je al met haar gepraat", "ze luistert niet"),
        ("nl", "wat deed je de vorige keer dat het lukte? en hoe kwam dat", ""),
        ("nl", "dus je bent moe en boos, klopt dat?", "ik ben zo moe en boos"),
        ("nl", "je bent echt te streng voor jezelf, toch?", ""),
        ("nl", "en toen?", ""),
        ("nl", "je moet gewoon ff nee zeggen joh, komt wel goed 😊", ""),
    ]


def throughput(turns: Sequence[tuple[str, str, str]]) -> float:
    """Helper turns labelled per second on this core: the median of ``RUNS`` runs, each
    repeating all ``turns`` until ``THROUGHPUT_S`` seconds have passed."""
    from bot.observer import label_turn

    rates = []
    for _ in range(RUNS):
        done = 0
        start = time.perf_counter()
        while True:
            for lang, text, context in turns:
                label_turn(text, lang, context)
            done += len(turns)
            elapsed = time.perf_counter() - start
            if elapsed >= THROUGHPUT_S:
                break
        rates.append(done / elapsed)
    return statistics.median(rates)


def transcript_of(turns: Sequence[tuple[str, str, str]], lang: str, count: int = 40) -> str:
    """A written role-play of ``count`` turns in ``lang``: the bringer's lines are the turns'
    contexts, the helper's their texts (cycled)."""
    mine = [(text, context) for turn_lang, text, context in turns if turn_lang == lang]
    lines = []
    for index in range(count // 2):
        text, context = mine[index % len(mine)]
        lines.append(f"Sam de Vries: {context or 'ik weet het niet meer'}")
        lines.append(f"Anna: {text}")
    return "\n".join(lines)


def transcript_times(transcript: str, lang: str) -> list[float]:
    """Seconds per analysis of ``transcript`` (parse, label, tally, feed-forward)."""
    from bot.observer.analysis import analyse

    times = []
    for _ in range(TRANSCRIPT_RUNS):
        start = time.perf_counter()
        analyse(transcript, lang, helper="Anna", skill="handen")
        times.append(time.perf_counter() - start)
    return times


def dev_errors(examples: Sequence[Example], label: str | None = None) -> None:
    """Print every dev turn whose labels differ from the rules' (on ``label`` only, when
    given), with what was missed and what was added, then the dev agreement table."""
    wrong = 0
    for example in examples:
        got = _predict(example)
        if label is None and got == example.labels:
            continue
        if label is not None and (label in got) == (label in example.labels):
            continue
        wrong += 1
        missed = sorted(example.labels - got)
        added = sorted(got - example.labels)
        print(f"{example.id} [{example.lang}] {example.text!r}")
        if example.context:
            print(f"    context: {example.context[:100]!r}")
        print(f"    missed {missed}  added {added}")
    print(f"\n{wrong} of {len(examples)} dev turns differ\n")
    print(agreement("observer labels: dev (the tuning parts)", examples))


def load_parts(names: Sequence[str]) -> dict[str, list[Example]]:
    """The parts of the set that are present, by name (a note for each absent one)."""
    loaded: dict[str, list[Example]] = {}
    for name in names:
        path = eval_dir() / f"{name}.jsonl"
        if path.is_file():
            loaded[name] = load(path)
        else:
            print(f"observer labels: no {path}; {name} part skipped")
    return loaded


def run() -> None:
    """Print the observer's agreement and speed figures."""
    loaded = load_parts([name for name, _ in HELDOUT_PARTS])
    for name, title in HELDOUT_PARTS:
        if name in loaded:
            print(agreement(f"observer labels: {title}", loaded[name]))
            print()
    dev = [e for part in load_parts(DEV_PARTS).values() for e in part]
    if dev:
        print(agreement("observer labels: dev 1-4 (the TUNING parts, not an evaluation)", dev))
        print()
        loaded["dev"] = dev
    turns = [(e.lang, e.text, e.context) for part in loaded.values() for e in part]
    source = f"{len(turns)} turns of the set, repeated"
    if not turns:
        turns = _sample_turns()
        source = f"a built-in sample of {len(turns)} turns, repeated"
    rate = throughput(turns)
    samples = _sample_turns()
    rows = [("label_turn", (per_second(rate), "", ""))]
    for lang in ("nl", "en"):
        times = transcript_times(transcript_of(samples, lang), lang)
        rows.append(
            (
                f"40-turn transcript ({lang})",
                ("", ms(percentile(times, 50) * 1000), ms(percentile(times, 90) * 1000)),
            )
        )
    print(
        table(
            f"observer speed: one core, {source}",
            ("turns/s", "p50 ms", "p90 ms"),
            rows,
            [f"target >= {TARGET_TURNS_PER_S:,} turns/s: {verdict(rate >= TARGET_TURNS_PER_S)}"],
        )
    )


def main(argv: Sequence[str]) -> int:
    """``python -m bench.observer [--dev-errors [LABEL]]``."""
    if "--dev-errors" in argv:
        rest = [a for a in argv if a != "--dev-errors"]
        examples = [e for part in load_parts(DEV_PARTS).values() for e in part]
        if not examples:
            print(f"no dev parts in {eval_dir()}", file=sys.stderr)
            return 1
        dev_errors(examples, rest[0] if rest else None)
        return 0
    run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
