"""The TUI kit: what every screen is built from (issue 13). Import the modules, not names from here:

    from pgatui.tui.kit import calls, dialogs, formats, forms

- `calls`: `await app.attempt(service, *args) -> Outcome` (value, refusal or failure, explicit);
  `await app.call(reading_service, ...)` for a value or None; `failure_text(exc)`, the one place an
  error becomes words; workers run guarded (`exit_on_error=False`): no traceback reaches a screen.
  On `VaultDamaged` the app locks and shows the damaged-vault notice.
- `dialogs`: ConfirmDialog, ChoiceDialog, FormDialog, PathDialog/ExportDialog, ColleagueDialog,
  NoticeDialog: one look and one CSS (`KitDialog`).
- `forms`: FieldSpec, compose_fields, read_values, fill_values, parse_dates, build (the pydantic
  model or Dutch errors per field), show_errors; LimitedInput/LimitedTextArea refuse pastes over
  the limit with a notice; `limit_of(Model, field)`.
- `formats`: show_date (dd-mm-jjjj), date_hint, parse_date ('31-02-2026 bestaat niet.'),
  show_moment, show_duration, show_days, meeting_name, label, shown_name.
- Allowed actions: view models from the services carry `allowed` (a set of action names computed
  with pgatui.domain.access); a screen's `check_action` reads it (`allows(screen, action)`).
"""
