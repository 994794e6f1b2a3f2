"""Errors that carry a message fit for the user (Simplified Chinese) and, where one applies, a rule code."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action; `str(error)` is shown to the user as it is."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}" if self.code else self.message


class UnreadableInput(UserError):
    """The input cannot be read at all (CLI exit 2): not a zip, no manifest, broken JSON …"""


class DuplicateApplication(UserError):
    """A person already has an application in this policy year (ELIG-ONE-CHANNEL or an update)."""

    def __init__(self, message: str, existing_id: int, same_channel: bool) -> None:
        super().__init__(message, code=None if same_channel else "ELIG-ONE-CHANNEL")
        self.existing_id = existing_id
        self.same_channel = same_channel


class Cancelled(UserError):
    """The user cancelled a long operation; nothing was changed or left behind."""

    def __init__(self, message: str = "已取消，未做任何改动") -> None:
        super().__init__(message)
