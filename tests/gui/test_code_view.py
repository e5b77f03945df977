"""The code view replaces only the lines that changed; whatever the change, it shows exactly the new text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asegui.gui.code_view import CodeView

LINES = st.lists(st.sampled_from(["{", "}", '  "a": 1,', '  "b": [', "  ]", "", "x"]), max_size=12)


@settings(max_examples=150, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(first=LINES, second=LINES, third=LINES)
def test_partial_updates_always_show_the_new_text(qtbot, first, second, third):
    view = CodeView("test-view")
    qtbot.addWidget(view)
    for lines in (first, second, third, first):
        text = "\n".join(lines)
        view.set_content(text)
        assert view.toPlainText() == text
        assert view.document().blockCount() == len(text.split("\n"))
