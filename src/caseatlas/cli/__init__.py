"""The `caseatlas` command and its subcommands (`module`, `export`, `i18n`, `bundle`).

May import: every other subpackage.
"""
