"""How readers find the fields of structured inputs."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Field names tried, in order, in JSON lines input (the first one present wins)."""

    text: tuple[str, ...] = ("text", "body", "content", "article", "maintext", "full_text")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "source_url")
    published: tuple[str, ...] = (
        "published",
        "date",
        "date_publish",
        "publish_date",
        "pubdate",
        "published_at",
        "datetime",
    )
    id: tuple[str, ...] = ("doc_id", "id", "article_id", "uuid")
    outlet: tuple[str, ...] = (
        "outlet",
        "source",
        "site",
        "sitename",
        "publisher",
        "source_domain",
        "domain",
    )

    def with_fields(self, spec: str | None) -> ReadOptions:
        """Options with fields named first: ``"text=body,title=headline"``."""
        if not spec:
            return self
        changes: dict[str, tuple[str, ...]] = {}
        for part in spec.split(","):
            key, _, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if key not in self.__dataclass_fields__ or not value:
                raise UsageError(
                    f"bad --fields entry {part!r}; use NAME=FIELD with NAME one of "
                    f"{', '.join(self.__dataclass_fields__)}"
                )
            changes[key] = (value, *getattr(self, key))
        return ReadOptions(
            **{**{k: getattr(self, k) for k in self.__dataclass_fields__}, **changes}
        )
