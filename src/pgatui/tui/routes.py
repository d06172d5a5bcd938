"""Where a user is, as plain data: the app's "where was I" after a lock or a language switch.

A route names a screen and the ids it needs (`Route("file", {"case_id": 17})`), never the data
it showed: locking drops every screen with decrypted content, and unlocking rebuilds the
stack from routes, so each screen loads its data again through the services (and is audited).

Register a screen once with the decorator; the app then opens it with `app.go("file", case_id=17)`:

    @route("file")
    class CaseFileScreen(PgaScreen):
        def __init__(self, case_id: int) -> None: ...
        def route_params(self) -> dict: return {"case_id": self.case_id}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

# Route parameters are ids and flags. Free text (a search term, a name) is case data and must
# not outlive a lock, so it is refused here rather than trusted to each screen's author.
_ALLOWED_PARAM_TYPES = (int, bool)

_REGISTRY: dict[str, Callable[..., Any]] = {}
S = TypeVar("S")


@dataclass(frozen=True)
class Route:
    name: str
    params: Mapping[str, int | bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, value in self.params.items():
            if not isinstance(value, _ALLOWED_PARAM_TYPES):
                raise TypeError(f"route {self.name!r}: parameter {key!r} must be an id (int) or a flag")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


def route(name: str) -> Callable[[type[S]], type[S]]:
    """Class decorator: register a screen class under `name` (also sets its ROUTE)."""

    def register(cls: type[S]) -> type[S]:
        if name in _REGISTRY and _REGISTRY[name] is not cls:
            raise ValueError(f"route {name!r} is already taken by {_REGISTRY[name].__name__}")
        _REGISTRY[name] = cls
        cls.ROUTE = name  # type: ignore[attr-defined]
        return cls

    return register


def registered(name: str) -> bool:
    return name in _REGISTRY


def registered_class(name: str) -> Any:
    """The screen class registered under `name` (None when there is none)."""
    return _REGISTRY.get(name)


def build(target: Route) -> Any:
    """A new screen for `target` (KeyError when no screen is registered under its name)."""
    return _REGISTRY[target.name](**target.params)


def names() -> list[str]:
    return sorted(_REGISTRY)
