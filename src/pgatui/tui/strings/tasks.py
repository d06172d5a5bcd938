"""Dashboard task lines (services.cases.Task.kind) and the case list filters."""

NL = {
    "key.dash_meetings": "Overleggen",
    "dash.partner_scope": "U ziet alleen de casussen waarvoor uw organisatie is uitgenodigd, en alleen wat "
                          "daar is gedeeld.",
    "task.weighing_open": "Weging afronden",
    "task.action_due": "Actiepunt",
    "task.intervention_due": "Interventie evalueren",
    "task.minutes_due": "Notulen nog niet definitief",
    "task.review_due": "Herbeoordeling",
    "task.informing_due": "Informeren heroverwegen",
}

EN = {
    "key.dash_meetings": "Meetings",
    "dash.partner_scope": "You see only the cases your organisation was invited to, and only what was "
                          "shared there.",
    "task.weighing_open": "Conclude weighing",
    "task.action_due": "Action item",
    "task.intervention_due": "Evaluate intervention",
    "task.minutes_due": "Minutes not yet final",
    "task.review_due": "Review due",
    "task.informing_due": "Reconsider informing",
}

NL.update({
    "key.next_field": "Volgend veld",
    "key.previous_field": "Vorig veld",
    "key.list_phase": "Fase",
    "key.list_mine": "Mijn casussen",
    "key.list_due": "Op termijn",
    "list.page_of": "Pagina {page} · {phase} · {owner} · {order}",
    "list.all_phases": "alle fasen",
    "list.mine": "alleen mijn casussen",
    "list.everyone": "alle casusregisseurs",
    "list.by_due": "op termijn",
    "list.by_number": "op nummer",
})

EN.update({
    "key.next_field": "Next field",
    "key.previous_field": "Previous field",
    "key.list_phase": "Phase",
    "key.list_mine": "My cases",
    "key.list_due": "By due date",
    "list.page_of": "Page {page} · {phase} · {owner} · {order}",
    "list.all_phases": "all phases",
    "list.mine": "my cases only",
    "list.everyone": "all case directors",
    "list.by_due": "by due date",
    "list.by_number": "by number",
})
