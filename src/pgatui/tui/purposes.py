"""Why a file is opened outside one's own work (issue 15): asked once per open of the case file.

`purpose_for(screen, case_id)` asks the services whether the file is the user's own work
(`cases.purpose_needed`); if not, it asks the purpose in the kit's FormDialog (a short list plus
"anders" with an explanation). Cancelling leaves the file closed and is audited
(`cases.decline_open`). The answer goes to `cases.read_case(purpose=, explanation=)`.
"""

from __future__ import annotations

from pgatui.domain.purposes import OTHER_TEXT_LIMIT, AccessPurpose, purpose_problem
from pgatui.messages import error_text
from pgatui.services import cases as svc
from pgatui.tui.i18n import language, t
from pgatui.tui.kit.dialogs import FormDialog
from pgatui.tui.kit.formats import label
from pgatui.tui.kit.forms import FieldSpec
from pgatui.tui.safe import notify_literal

OWN_WORK = ("dossier bekijken", None)  # the purpose recorded for a file within one's own work


def purpose_dialog() -> FormDialog:
    fields = [FieldSpec("purpose", t("purpose.label"), kind="select",
                        options=tuple((label(code), code.value) for code in AccessPurpose)),
              FieldSpec("explanation", t("purpose.explanation"), max_length=OTHER_TEXT_LIMIT)]
    return FormDialog(t("purpose.title"), fields, chosen_purpose, intro=t("purpose.intro"),
                      help_key="purpose.help")


def chosen_purpose(values: dict) -> tuple[tuple[str, str | None] | None, dict[str, str]]:
    """(code, explanation or None) when the domain accepts it; else the problem beside its field."""
    code, text = str(values.get("purpose", "")), str(values.get("explanation", "")).strip()
    problem = purpose_problem(code, text)
    if problem is None:
        return (code, text or None), {}
    field = "purpose" if problem.code == "purpose.unknown" else "explanation"
    return None, {field: error_text(problem, language())}


async def purpose_for(screen, case_id: int) -> tuple[str, str | None] | None:
    """The (purpose, explanation) to open `case_id` with, or None: not opened (refused or cancelled)."""
    app = screen.app
    needed = await app.call(svc.purpose_needed, case_id)
    if needed is None:
        return None  # refused or failed: the app reported it
    if not needed:
        return OWN_WORK
    answer = await app.push_screen_wait(purpose_dialog())
    if answer is None:
        await app.attempt(svc.decline_open, case_id)
        notify_literal(app, t("purpose.not_opened"))
    return answer
