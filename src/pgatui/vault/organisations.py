"""The SQL of the organisation register, and filling it for a vault made before it existed."""

from __future__ import annotations

from pgatui.domain.organisations import Organisation, OrganisationKind, guess_kind
from pgatui.domain.roles import Role

COLUMNS = "id, name, kind"


def _organisation(row) -> Organisation:
    return Organisation(id=row[0], name=row[1], kind=OrganisationKind(row[2]))


def all_organisations(conn) -> list[Organisation]:
    return [_organisation(r) for r in conn.execute(f"SELECT {COLUMNS} FROM organisations ORDER BY name")]


def municipalities(conn) -> list[Organisation]:
    """The vault's municipalities: its organisations of kind gemeente."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM organisations WHERE kind = 'gemeente' ORDER BY name")
    return [_organisation(r) for r in rows]


def get(conn, organisation_id: int) -> Organisation | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM organisations WHERE id = ?", (organisation_id,)).fetchone()
    return _organisation(row) if row else None


def by_name(conn, name: str) -> Organisation | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM organisations WHERE lower(name) = lower(?)", (name.strip(),)).fetchone()
    return _organisation(row) if row else None


def insert(conn, name: str, kind: OrganisationKind) -> int:
    return conn.execute("INSERT INTO organisations(name, kind) VALUES (?, ?)", (name, kind.value)).lastrowid


def ensure(conn, name: str, kind: OrganisationKind) -> Organisation:
    """The register entry named `name`, made with `kind` when there is none."""
    found = by_name(conn, name)
    return found or get(conn, insert(conn, name, kind))


def rename(conn, organisation_id: int, new_name: str) -> str:
    """Rename; the copies of the name kept beside the ids (for display) follow. Returns the old name."""
    old = get(conn, organisation_id).name
    conn.execute("UPDATE organisations SET name = ? WHERE id = ?", (new_name, organisation_id))
    conn.execute("UPDATE invitations SET organisation = ? WHERE organisation_id = ?", (new_name, organisation_id))
    conn.execute("UPDATE actions SET owner_organisation = ? WHERE owner_organisation_id = ?", (new_name, organisation_id))
    conn.execute("UPDATE interventions SET owner_partner = ? WHERE owner_partner_id = ?", (new_name, organisation_id))
    return old


def id_of_name(conn, name: str) -> int | None:
    found = by_name(conn, name)
    return found.id if found else None


# --- migrating a vault from before the register (migration 0007) -------------------------------

def needs_migration(conn, slots: list[dict]) -> bool:
    unfilled = conn.execute("SELECT 1 FROM cases WHERE municipality_id IS NULL LIMIT 1").fetchone()
    return bool(unfilled) or any("organisation_id" not in s for s in slots)


def migrate_existing(conn, slots: list[dict]) -> None:
    """Fill the register from the organisation names in the keyring and in invitations, actions
    and interventions; give every case the municipality of its creator's account and the creator
    as director where that is a gemeente user. Sets `organisation_id` and `municipalities` on the
    slots that lack them (the caller saves the keyring). Idempotent."""
    from pgatui.domain.organisations import default_municipalities

    for slot in sorted(slots, key=lambda s: s["kind"] != "user"):  # accounts before the recovery slot
        role = Role(slot["role"])
        organisation = ensure(conn, slot["organisation"], guess_kind(slot["organisation"], role))
        if "organisation_id" not in slot:
            slot["organisation_id"] = organisation.id
            slot["municipalities"] = default_municipalities(role, organisation)
    for table, name_column, id_column in (("invitations", "organisation", "organisation_id"),
                                          ("actions", "owner_organisation", "owner_organisation_id"),
                                          ("interventions", "owner_partner", "owner_partner_id")):
        for (name,) in conn.execute(f"SELECT DISTINCT {name_column} FROM {table} WHERE {id_column} IS NULL").fetchall():
            ensure(conn, name, guess_kind(name))
        conn.execute(f"UPDATE {table} SET {id_column} = (SELECT o.id FROM organisations o "
                     f"WHERE lower(o.name) = lower({table}.{name_column})) WHERE {id_column} IS NULL")
    _give_cases_a_municipality(conn, slots)


def _give_cases_a_municipality(conn, slots: list[dict]) -> None:
    gemeente_users = {s["login"]: s["organisation_id"] for s in slots
                      if s["kind"] == "user" and s["role"] == Role.GEMEENTE.value}
    municipalities_ids = {o.id for o in municipalities(conn)}
    fallback = min(municipalities_ids) if municipalities_ids else None
    fallback_director = next((login for login, org in sorted(gemeente_users.items()) if org == fallback), None)
    for case_id, creator in conn.execute("SELECT id, owner FROM cases WHERE municipality_id IS NULL").fetchall():
        own = gemeente_users.get(creator)
        if own in municipalities_ids:
            conn.execute("UPDATE cases SET municipality_id = ?, director = ? WHERE id = ?", (own, creator, case_id))
        elif fallback is not None:  # typed in by politie/OM: the vault's first municipality, its first gemeente user
            conn.execute("UPDATE cases SET municipality_id = ?, director = coalesce(director, ?) WHERE id = ?",
                         (fallback, fallback_director, case_id))
