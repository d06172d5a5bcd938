"""Dashboard task lines for the process after intake (services.cases.Task.kind)."""

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
