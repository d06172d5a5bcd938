"""Sentences of compartments (issue 12): keys per municipality and partner organisation."""

MESSAGES = {
    "compartment.unknown_kind": ("Onbekend compartiment: {compartment}.", "Unknown compartment: {compartment}."),
    "compartment.name_format": ("Een compartiment heet gemeente:<nummer> of partner:<nummer>.",
                                "A compartment is named gemeente:<number> or partner:<number>."),
    "compartment.no_key": ("Dit account heeft geen sleutel voor dit compartiment.",
                           "This account has no key for this compartment."),
    "compartment.cannot_be_member": ("Account {login} kan geen lid van een compartiment zijn "
                                     "(beheerder, toezicht, herstelslot of uitgeschakeld).",
                                     "Account {login} cannot be a member of a compartment "
                                     "(administrator, oversight, recovery slot or disabled)."),
    "compartment.exists": ("Compartiment {compartment} bestaat al.", "Compartment {compartment} already exists."),
    "compartment.unknown": ("Compartiment {compartment} bestaat niet.", "Compartment {compartment} does not exist."),
    "compartment.generation_missing": ("Voor compartiment {compartment} ontbreekt generatie {generation}; alleen een lid "
                                       "met de actuele sleutel kan iemand toevoegen.",
                                       "Compartment {compartment} lacks generation {generation}; only a member with "
                                       "the current key can add someone."),
    "compartment.not_member": ("Account {login} is geen lid van {compartment}.",
                               "Account {login} is not a member of {compartment}."),
    "compartment.keys_on_blind_slot": ("Een sleutelslot zonder inzage in dossiers draagt toch compartimentsleutels.",
                                       "A key slot without access to files still carries compartment keys."),
    "compartment.key_opens_not": ("Een compartimentsleutel in de sleutelring opent niet (gewijzigd buiten pgatui om).",
                                  "A compartment key in the keyring does not open (changed outside pgatui)."),
    "compartment.unknown_shape": ("De compartimenten in de sleutelring hebben een onbekende vorm.",
                                  "The compartments in the keyring have an unknown shape."),
    "compartment.public_key_mismatch": ("De publieke sleutel van een compartiment in de sleutelring klopt niet "
                                        "(gewijzigd buiten pgatui om).",
                                        "The public key of a compartment in the keyring does not match "
                                        "(changed outside pgatui)."),
    "compartment.migration_incomplete": ("Na het verzegelen staan er in de kopie nog onverzegelde rijen; de migratie "
                                         "is afgebroken en de kluis is ongewijzigd.",
                                         "After sealing, the copy still holds plain rows; the migration was stopped "
                                         "and the vault is unchanged."),
    "compartment.no_key_yet": ("Dit account heeft (nog) geen sleutel voor de dossiers van deze gemeente; een collega "
                               "van die gemeente geeft hem bij haar volgende aanmelding.",
                               "This account has no key (yet) for the files of this municipality; a colleague of that "
                               "municipality passes it on at their next sign-in."),
    "compartment.value_opens_not": ("Een verzegelde waarde opent niet ({table}.{column}, rij {row}).",
                                    "A sealed value does not open ({table}.{column}, row {row})."),
    "compartment.demo_without_key": ("De demogegevens horen bij Gemeente Demodorp, waarvan deze sessie geen sleutel "
                                     "heeft.",
                                     "The demo data belong to Gemeente Demodorp, for which this session holds no key."),
}
