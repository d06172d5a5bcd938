"""Small widgets every screen uses."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Header
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle


class PgaHeader(Header):
    """Textual's Header, safe while its screen is being removed.

    Locking pops every screen and changes the app's sub-title in one go; Textual's Header then
    may run its title watcher after its children are gone and raise NoMatches (it only catches
    NoScreen), which would end the app in the middle of a lock.
    """

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # replaces Header._on_mount (same watchers, one more guard)

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)


class PgaFooter(Footer):
    """The footer every screen uses: compact, without the palette entry (F1 and Ctrl+P list every
    key), so a screen's own keys fit at 80 columns."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed_keys: tuple | None = None

    def _shown_keys(self) -> tuple:
        """What the footer shows: each shown key with its text and whether it is enabled."""
        return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show)

    def compose(self):
        if self._bindings_ready:
            self._composed_keys = self._shown_keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # compact from the start: no second styling of each key at mount
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen) -> None:
        """Recompose only when the keys shown changed: a focus move or a screen coming back on top
        signals every time, and rebuilding the keys restyles them all (issue 18). When only
        whether keys are enabled changed (a screen's data came in), those keys are updated."""
        if self._composed_keys is not None and self.is_attached and screen is self.screen:
            shown = self._shown_keys()
            if shown == self._composed_keys or self._enabled_in_place(shown):
                return
        super().bindings_changed(screen)

    def _enabled_in_place(self, shown: tuple) -> bool:
        """Dim or light the keys whose enabled state changed; False when more than that changed."""
        before = self._composed_keys
        if len(shown) != len(before) or any(now[:3] + now[4:] != was[:3] + was[4:] for now, was in zip(shown, before)):
            return False
        keys = {(widget.key, widget.action): widget for widget in self.query(FooterKey)}
        changed = [(now[0], now[1], now[3]) for now, was in zip(shown, before) if now[3] != was[3]]
        if any((key, action) not in keys for key, action, _ in changed):
            return False
        for key, action, enabled in changed:
            widget = keys[(key, action)]
            widget._disabled = not enabled
            widget.set_class(not enabled, "-disabled")
            widget.refresh()
        self._composed_keys = shown
        return True


class TabBar(Widget, can_focus=True):
    """One line of tab titles; left/right (when it has the focus) or a click shows another tab.

    The case file's nine tabs were a TabbedContent: some thirty widgets (a tab, a pane and a
    scroll area each) that every opening laid out, styled and drew (issue 18). This is one widget;
    the screen shows the active tab's records in one body. Titles are catalogue text, never user
    text. When they do not fit, the line starts late enough for the active title to show.
    """

    BINDINGS = [Binding("left", "step(-1)", show=False), Binding("right", "step(1)", show=False)]
    active: reactive[str] = reactive("", layout=False)

    class Changed(Message):
        """Another tab was chosen (`tab` is its name)."""

        def __init__(self, bar: "TabBar", tab: str) -> None:
            super().__init__()
            self.bar, self.tab = bar, tab

    def __init__(self, tabs: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tabs = list(tabs)  # (name, title)
        self.set_reactive(TabBar.active, self._tabs[0][0])

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._tabs]

    def _spans(self) -> list[tuple[str, int, int]]:
        """(name, first cell, cell after) of each title, as ' title ' with one space between."""
        spans, x = [], 0
        for name, title in self._tabs:
            spans.append((name, x, x + len(title) + 2))
            x += len(title) + 3
        return spans

    def _start(self) -> int:
        """The first cell shown: 0, or later so the active title fits in the width."""
        end = next(end for name, _, end in self._spans() if name == self.active)
        return max(0, end - self.size.width) if self.size.width else 0

    def render(self) -> Content:
        line = Content(" ").join(Content.styled(f" {title} ", "reverse bold" if name == self.active else "")
                                 for name, title in self._tabs)
        return line[self._start():]

    def action_step(self, by: int) -> None:
        names = self.names
        self.active = names[(names.index(self.active) + by) % len(names)]

    def on_click(self, event: events.Click) -> None:
        x = event.x + self._start()
        chosen = next((name for name, start, end in self._spans() if start <= x < end), None)
        if chosen is not None:
            self.active = chosen

    def watch_active(self, tab: str) -> None:
        self.post_message(self.Changed(self, tab))
