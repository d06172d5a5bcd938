"""Pure rules of the PGA: no I/O, no SQL, no Textual."""
