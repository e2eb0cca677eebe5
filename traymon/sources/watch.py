"""The ``components`` key: watch only some parts of a big status page (pure, never raises).

Cloudflare's page lists some 470 data centres beside its products, and on any normal day
dozens of them are "re-routed"; a person who uses its CDN and DNS should not see an orange
icon for that. A service's ``components`` names what to watch, by name (any case) or by the
page's id; a group's name takes all its children; ``"Group - Child"`` (Statuspage's own way
of writing a child in incident updates) or ``"Group / Child"`` names one child of one group.

Each kind that has components (statuspage, statusio, instatus, slack) turns its rows into
``Node`` trees and asks ``pick`` which leaves are watched; what the engine then counts is
decided in the parser from that: watched leaves, and incidents that name a watched part or
name no part at all (an incident without components may be about anything, so it counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from traymon.model import Component, Status, worst
from traymon.sources.options import Option, OptionValue, describe_value, get_texts

#: Separators people (and Statuspage's incident updates) write between a group and a child.
_CHILD_SEPARATORS = (" - ", " / ", "/")


def _components(value: object) -> tuple[str, ...]:
    """A list of names or ids; ``[]`` on purpose means "everything" (over a catalogue default)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError(
            'must be a list of component names or ids, e.g. ["CDN/Cache", "DNS"] '
            f"(got {describe_value(value)})"
        )
    names: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(
                f"must be a list of non-empty names or ids (got {describe_value(item)} in it)"
            )
        names.append(item.strip())
    return tuple(dict.fromkeys(names))


COMPONENTS = Option(
    "components",
    _components,
    "watch only these components (names or ids; a group's name takes its children; "
    "[] watches everything)",
)


def wanted(options: Mapping[str, OptionValue]) -> tuple[str, ...]:
    """The ``components`` of a source's settings (empty: watch everything)."""
    return get_texts(options, COMPONENTS.name)


@dataclass(frozen=True, slots=True)
class Node:
    """One row of a page: ``key`` is unique on the page; ``ids`` are the page's own ids."""

    key: str
    name: str
    status: Status
    ids: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    #: ``False``: shown, never counted (a group row whose children the page left out:
    #: its own state is only the page's summary of them).
    countable: bool = True

    def all_keys(self) -> Iterator[str]:
        """This node's key and every descendant's."""
        yield self.key
        for child in self.children:
            yield from child.all_keys()

    def leaves(self) -> Iterator[Node]:
        if not self.children:
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True, slots=True)
class Picked:
    """What ``pick`` chose: the watched keys (leaves and their groups), and the misses."""

    narrows: bool
    keys: frozenset[str] = frozenset()
    #: The entries of ``components`` that name nothing on the page, as written.
    unmatched: tuple[str, ...] = ()
    #: Every name and id on the page (folded) → the keys it covers, for incidents' refs.
    _refs: dict[str, frozenset[str]] = field(default_factory=dict)

    def watches(self, key: str) -> bool:
        return not self.narrows or key in self.keys

    def counts(self, refs: Iterable[str]) -> bool:
        """Whether an incident that names ``refs`` (ids or names) counts for the service.

        It counts unless every part it names is on the page and unwatched: one without
        parts may be about anything, and one naming a part the page no longer lists
        cannot be shown to be about something else.
        """
        if not self.narrows:
            return True
        named = [r for r in refs if r.strip()]
        if not named:
            return True
        for ref in named:
            covered = self._refs.get(_fold(ref))
            if covered is None or covered & self.keys:
                return True
        return False

    @property
    def nothing(self) -> bool:
        """The key narrows, and to nothing that is on the page."""
        return self.narrows and not self.keys


def pick(terms: Sequence[str], nodes: Sequence[Node]) -> Picked:
    """The leaves ``terms`` watch on a page of ``nodes`` (all of them when ``terms`` is empty)."""
    if not terms:
        return Picked(narrows=False)
    refs: dict[str, set[str]] = {}
    for node, parent in _walk(nodes, None):
        covered = set(node.all_keys())
        for name in _names(node, parent):
            refs.setdefault(name, set()).update(covered)
    keys: set[str] = set()
    unmatched: list[str] = []
    for term in terms:
        hit = refs.get(_fold(term))
        if hit:
            keys |= hit
        else:
            unmatched.append(term)
    # A group whose child is watched is watched too (shown so, and its incidents count).
    for node, _parent in _walk(nodes, None):
        if node.children and any(k in keys for k in node.all_keys()):
            keys.add(node.key)
    return Picked(
        narrows=True,
        keys=frozenset(keys),
        unmatched=tuple(unmatched),
        _refs={k: frozenset(v) for k, v in refs.items()},
    )


def shown(nodes: Sequence[Node], picked: Picked) -> tuple[Component, ...]:
    """The rows to show: each with its children, watched or not; a group's state is the
    worst of its watched children when the key narrows it to some of them."""
    return tuple(_component(node, picked) for node in nodes)


def counted(nodes: Sequence[Node], picked: Picked) -> list[Status]:
    """The states of the watched leaves: what the service's state is made of."""
    return [
        leaf.status
        for node in nodes
        for leaf in node.leaves()
        if leaf.countable and picked.watches(leaf.key)
    ]


#: A page with more than this share of its parts at an outage is down for everyone, whatever
#: a service watches (Cloudflare's network failing everywhere, before its products say so);
#: a normal Cloudflare day has about 8 % of its data centres re-routed.
WIDESPREAD_SHARE = 0.5
#: …and at least this many parts, so a small page's one broken part is not "widespread".
WIDESPREAD_MIN = 10


def widespread(nodes: Sequence[Node], picked: Picked) -> tuple[int, int] | None:
    """``(down, of)`` when the key narrows the page and most of it is at an outage anyway."""
    if not picked.narrows:
        return None
    leaves = [leaf for node in nodes for leaf in node.leaves() if leaf.countable]
    down = sum(1 for leaf in leaves if leaf.status.is_outage)
    if down >= WIDESPREAD_MIN and down > WIDESPREAD_SHARE * len(leaves):
        return down, len(leaves)
    return None


def _component(node: Node, picked: Picked) -> Component:
    children = tuple(_component(c, picked) for c in node.children)
    status = node.status
    if children:
        watched = [c.status for c in children if c.watched]
        states = watched if picked.narrows and watched else [c.status for c in children]
        status = worst(states) if states else node.status
    return Component(node.name, status, watched=picked.watches(node.key), children=children)


def _walk(nodes: Sequence[Node], parent: Node | None) -> Iterator[tuple[Node, Node | None]]:
    for node in nodes:
        yield node, parent
        yield from _walk(node.children, node)


def _names(node: Node, parent: Node | None) -> Iterator[str]:
    yield _fold(node.name)
    yield from (_fold(i) for i in node.ids)
    if parent is not None:
        for separator in _CHILD_SEPARATORS:
            yield _fold(f"{parent.name}{separator}{node.name}")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
