"""pgatui: the persoonsgerichte aanpak (PGA) in a terminal, on an encrypted vault."""

__version__ = "0.1.0"
