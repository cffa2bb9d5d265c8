"""The defect audit: each class on made-up sentences, precision/recall arithmetic, the CLI end to end."""

from __future__ import annotations

import json

import pytest

from benchmarks.__main__ import main
from benchmarks.audit import audit_brief, precision_recall
from benchmarks.audit_run import load_labels
from benchmarks.stub import EXAMPLE_CLUSTERS

DOC = (
    "Following the church shooting, Republican Gov.\nGreg Abbott spoke to reporters in the town on Monday.\n\n"
    "BRUSSELS, Belgium (AP) _ Ministers agreed on a budget on Monday after long talks.\n\n"
    "A woman waves the national flag during a protest in the capital on Monday.\n\n"
    "You always have the option to delete your Tweet location history.\n\n"
    "“It was terrifying.”\n\n"
    "The budget of the union will rise by two percent next year, ministers said.\n\n"
    "Ministers said the budget of the union will rise by two percent next year.\n\n"
    "Last week, Philippine President Joseph\nEstrada said the talks were going well.\n\n"
    "A ferry officer speaks to reporters outside the office Norway's coast guard said all were rescued."
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Following the church shooting, Republican Gov.", {"split"}),
        ("BRUSSELS, Belgium (AP) _ Ministers agreed on a budget on Monday after long talks.", {"furniture"}),
        ("A woman waves the national flag during a protest in the capital on Monday.", {"furniture"}),
        ("You always have the option to delete your Tweet location history.", {"furniture"}),
        ("“It was terrifying.”", {"orphan"}),
        ("Last week, Philippine President Joseph", {"wrap"}),
        ("A ferry officer speaks to reporters outside the office Norway's coast guard said all were rescued.",
         {"furniture"}),  # a caption glued to the lead
        ("The budget of the union will rise by two percent next year, ministers said.", set()),
    ],
)
def test_each_class_on_its_own(sentence, expected):
    assert audit_brief([sentence], [DOC])[0] == expected


def test_a_point_made_twice_is_a_repeat():
    first = "The budget of the union will rise by two percent next year, ministers said."
    second = "Ministers said the budget of the union will rise by two percent next year."
    assert audit_brief([first, second], [DOC]) == [set(), {"repeat"}]


def test_a_pronoun_right_after_its_antecedent_in_the_source_is_no_orphan():
    doc = "Greg Abbott spoke to reporters in the town on Monday. He said the town would rebuild the church."
    first = "Greg Abbott spoke to reporters in the town on Monday."
    second = "He said the town would rebuild the church."
    assert audit_brief([first, second], [doc]) == [set(), set()]
    assert audit_brief([second], [doc]) == [{"orphan"}]


def test_precision_and_recall():
    pairs = [({"split"}, {"split"}), ({"split"}, set()), (set(), {"orphan"}), (set(), set())]
    rows = precision_recall(pairs)
    assert rows["split"]["precision"] == 0.5 and rows["split"]["recall"] == 1.0
    assert rows["orphan"]["recall"] == 0.0 and rows["orphan"]["precision"] is None
    assert rows["any"]["tp"] == 1 and rows["any"]["labelled"] == 2


def test_labels_with_an_unknown_class_are_refused(tmp_path):
    path = tmp_path / "labels.jsonl"
    row = {"cluster": "c", "system": "x", "words": 120, "sentences": [[0, 0, 5, ["typo"]]]}
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(ValueError, match="unknown classes"):
        load_labels(path)


def test_cli_audit_and_label_validation(tmp_path, capsys):
    data = tmp_path / "made_up.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in EXAMPLE_CLUSTERS), encoding="utf-8")
    out = tmp_path / "audit"
    args = ["audit", str(data), "--systems", "extractive,lead", "--words", "40", "--out", str(out)]
    assert main([*args, "--ours", "benchmarks.stub:summarize"]) == 0
    table = capsys.readouterr().out
    assert "| extractive | 40 |" in table and "| lead | 40 |" in table
    result = json.loads((out / "audit.json").read_text())
    assert set(result["budgets"]["40"]) == {"extractive", "lead"}
    assert (out / "examples.md").is_file()

    doc = EXAMPLE_CLUSTERS[0]["documents"][0]
    first = doc.split(". ")[0] + "."
    labels = tmp_path / "labels.jsonl"
    row = {"cluster": EXAMPLE_CLUSTERS[0]["id"], "system": "lead", "words": 40, "sentences": [[0, 0, len(first), []]]}
    labels.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["audit", str(data), "--labels", str(labels)]) == 0
    assert "all: 1 hand-labelled sentences" in capsys.readouterr().out
