"""The shared reading of figures: one normalisation for the fusion guard and for conflict detection."""

from __future__ import annotations

import pytest

from summarize.facts import figures, names, negations, numbers, same_figure


def one(text: str):
    (figure,) = figures(text)
    return figure


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("34.5%", "34.5 per cent"),
        ("34.5%", "34.5 percent"),
        ("$5bn", "$5 billion"),
        ("$5bn", "5 billion dollars"),
        ("$4.77-billion", "$4.77 billion"),
        ("ten", "10"),
        ("twenty-five", "25"),
        ("1,200", "1200"),
        ("10am", "10 a.m."),
        ("June 10", "10 June"),
        ("June 10", "June 10th"),
        ("June 10", "10th of June"),
    ],
)
def test_two_ways_of_writing_one_figure_are_the_same(a: str, b: str) -> None:
    assert numbers(a) == numbers(b), (numbers(a), numbers(b))
    fa, fb = one(a), one(b)
    assert fa.kind == fb.kind and same_figure(fa, fb)


def test_figures_know_their_kind_value_and_span() -> None:
    text = "Exports fell 34.5% to $5.2bn on June 10, 2025, when 212 passengers left at 10am in 2019."
    found = {f.kind: f for f in figures(text)}
    assert set(found) == {"percent", "amount", "date", "count", "time", "year"}
    assert found["amount"].value == 5.2e9 and found["amount"].unit == "$"
    assert found["date"].date == (2025, 6, 10)
    for f in found.values():
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("212", "200", True),  # written to the hundred
        ("212", "231", False),
        ("10", "12", False),  # small numbers are exact
        ("34.5%", "35%", True),
        ("34.5%", "12.7%", False),
        ("about 200", "212", True),
        ("about 200", "260", False),
        ("more than 200", "212", True),
        ("more than 200", "150", False),
        ("nearly 250", "231", True),
        ("at least 25", "at least 30", False),  # two tolls, not a range
        ("June 10", "June 10, 2025", True),
        ("June 10", "June 12", False),
        ("$5bn", "$5.2bn", True),
        ("$5bn", "£5bn", False),
        ("4:30 a.m.", "4:20 a.m.", False),
        ("4pm", "16:00", True),
        ("6 p.m.", "6:00", True),  # a clock time without a.m./p.m. may be either
        ("10am", "10pm", False),
    ],
)
def test_same_figure_allows_rounding_and_bounds(a: str, b: str, same: bool) -> None:
    assert same_figure(figures(a)[-1], figures(b)[-1]) is same


def test_a_date_is_checked_as_a_date_by_the_guard() -> None:
    assert numbers("June 10, 2025") == {"06-10", "2025", "2025-06"}
    assert numbers("June 10") <= numbers("10 June 2025")
    assert not numbers("June 12") <= numbers("June 10, with 12 people")


def test_months_and_weekdays_are_not_names_or_modal_verbs() -> None:
    assert [f.kind for f in figures("Theresa May may visit in May on Monday.")] == ["date", "weekday"]
    assert names("Theresa May said on Monday") == ["Theresa", "May", "Monday"]
    assert negations("It was not, and never will be") == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("on \u017fept 3", "date"),  # the long s, which a case-insensitive "s" matches
        ("on \u017funday", "weekday"),
        ("the \u017fixth day", "ordinal"),
        ("the f\u0131rst day", "ordinal"),  # the dotless i
        ("on Fr\u0131day", "weekday"),
        ("on Apr\u0130l 3", "date"),  # the dotted capital I
    ],
)
def test_look_alike_letters_that_patterns_match_are_read_not_a_crash(text, kind):
    assert [f.kind for f in figures(text)] == [kind]
