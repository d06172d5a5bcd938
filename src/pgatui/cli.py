"""Placeholder: the command line lands with the vault issue."""


def main(argv=None) -> int:
    print("pgatui: nog niet klaar")
    return 1
