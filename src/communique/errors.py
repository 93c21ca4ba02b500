"""Errors the library raises; the CLI turns them into one-line messages."""


class CommuniqueError(Exception):
    """Base class: a message fit to print on one line after ``error:``."""


class InputError(CommuniqueError):
    """An input file could not be read, decoded or parsed."""


class UsageError(CommuniqueError):
    """An option or argument has a value the library cannot use."""


class DataError(CommuniqueError):
    """A bundled or user-supplied dictionary file is malformed."""
