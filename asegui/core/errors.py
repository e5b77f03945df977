"""The one error type for input a person handed us that we cannot read."""

from __future__ import annotations


class ManifestError(Exception):
    """Unreadable or unusable input, with a message a person understands.

    ``line`` and ``column`` are 1-based and point into the text as the user sees it
    (after decoding), or are ``None`` when the problem has no single place.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 source: str | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        super().__init__(self.location() + message)

    def location(self) -> str:
        """``file:line:column: `` prefix, with whatever parts are known."""
        parts = [p for p in (self.source, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts) + (": " if parts else "")

    def with_source(self, source: str | None) -> ManifestError:
        return ManifestError(self.message, self.line, self.column, source)
