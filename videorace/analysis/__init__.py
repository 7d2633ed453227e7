"""The analyses the notebooks call, with their charts and the notebooks' display helpers.

May import ``videorace.data``; never ``videorace.pipeline`` (a test reads the imports).
"""
