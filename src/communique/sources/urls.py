"""What a URL says about its article: the date in its path, an id to name it by."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from urllib.parse import urlsplit

URL_DATE = re.compile(r"/((?:19|20)\d\d)[/\-_]?([01]\d)[/\-_]?([0-3]\d)(?:[/\-_]|$)")


def date_from_url(url: str | None) -> date | None:
    """'https://site/2017/06/19/story' → 2017-06-19; None when the path has no full date."""
    if not url:
        return None
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    """'https://www.reuters.com/world/...' → 'reuters.com': the outlet when the input names
    none, so that deduplication can still count the outlets that reported an event."""
    if not url:
        return None
    try:
        host = (urlsplit(str(url)).hostname or "").lower()
    except ValueError:
        return None
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host or None


def id_for(key: str, prefix: str = "") -> str:
    """A short stable id for a record that brings none of its own (a URL, an entry id)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    return f"{prefix}_{digest}" if prefix else digest
