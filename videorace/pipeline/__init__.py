"""Executing notebooks into reports: the manifest, the build, the CLI.

May import ``videorace.data`` and ``videorace.analysis``; nothing imports it but ``__main__``.
"""
