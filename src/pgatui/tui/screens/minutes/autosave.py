"""Autosave of the minutes: every edit marks a case dirty; the draft is saved 1.5 seconds after
the last key, when the focus leaves a field, on leaving and just before a lock (handed to the
vault thread before it closes). A part that is not complete is left out and says so beside it."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea
from textual.content import Content

from pgatui import clock
from pgatui.services import meetings as svc
from pgatui.services.session import Session
from pgatui.tui.i18n import t
from pgatui.tui.screens.minutes.form import MinutesForm

AUTOSAVE_SECONDS = 1.5


class Autosave:
    """Mixed into MinutesScreen (uses self._forms, self._saved, self._dirty, self._timer)."""


    def _form_of(self, widget: Widget | None) -> MinutesForm | None:
        while widget is not None and not isinstance(widget, MinutesForm):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget

    def _changed(self, widget: Widget) -> None:
        form = self._form_of(widget)
        if form is None or self._view is None:
            return
        self._dirty.add(form.case_id)
        self._set_state(t("mt.state_typing"))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select)

    def on_descendant_blur(self, event) -> None:
        if self._dirty and not self._leaving:
            self._autosave()

    def _autosave(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._dirty:
            self.run_worker(self._save_dirty(), group="autosave")

    async def _save_dirty(self) -> bool:
        """Save every dirty draft; True when everything typed is in the vault."""
        complete = True
        async with self._save_lock:
            for case_id in sorted(self._dirty):
                complete = await self._save_case(case_id) and complete
        return complete

    async def _save_case(self, case_id: int) -> bool:
        form = self._forms.get(case_id)
        self._dirty.discard(case_id)
        if form is None or not form.is_mounted:
            return True
        draft, errors = form.draft()
        form.show_errors(errors)
        if draft != self._saved.get(case_id):
            outcome = await self.app.attempt(svc.save_minutes, self.meeting_id, case_id, draft)
            if outcome.cancelled:
                return False
            if not outcome.ok:  # the notice is shown; the draft stays to be saved again
                self._dirty.add(case_id)
                self._set_state(t("mt.state_failed"))
                return False
            self._saved[case_id] = draft
        stamp = clock.utcnow().astimezone().strftime("%H:%M:%S")
        self._set_state(t("mt.state_partly", time=stamp) if errors else t("mt.state_saved", time=stamp))
        return not errors

    def before_lock(self) -> None:
        """Hand unsaved drafts to the vault thread now (synchronously): the app calls this just
        before it closes the vault, and the thread runs work in order.

        Every form is compared with what was saved, not only those marked dirty: a value typed just
        before the lock may not have posted its Changed message yet, so it is not marked."""
        for case_id, form in sorted(self._forms.items()):
            if not form.is_mounted:
                continue
            draft, _ = form.draft()
            if draft != self._saved.get(case_id):
                meeting_id = self.meeting_id
                try:
                    self.app.vault_thread.call(
                        lambda vault, c=case_id, d=draft: svc.save_minutes(Session(vault), meeting_id, c, d))
                except RuntimeError:  # the thread is gone (the app is exiting)
                    pass
        self._dirty = set()

    def on_unmount(self) -> None:
        if self._dirty and self.app.user is not None:
            self.before_lock()

    def _set_state(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#mt-state", Static).update(Content(text))
