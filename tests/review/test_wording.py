"""One table of status and severity words, naming every status the core can give and every severity."""

from __future__ import annotations

from asegui.core import Status
from asegui.core.findings import SEVERITIES
from asegui.review.wording import severity_word, status_word, status_words


def test_both_tables_name_every_status_and_nothing_else():
    statuses = {s.value for s in Status}
    assert set(status_words()) == statuses and set(status_words(long=True)) == statuses


def test_a_status_enum_and_its_text_read_the_same():
    assert status_word(Status.REVIEW) == status_word("review") == "applied (default)"
    assert status_word(Status.OPEN, long=True) == "manual step to do"


def test_every_severity_has_a_word_and_a_title():
    for severity in SEVERITIES:
        assert severity_word(severity) == severity
        assert severity_word(severity, title=True) == severity.capitalize()
