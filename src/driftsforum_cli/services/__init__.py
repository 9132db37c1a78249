"""Workflows below the command line: each takes plain arguments, returns a typed result, reports progress
through a callback, and raises `DriftsforumError` for what the user can act on. The CLI and the tests
call them the same way; `driftsforum_cli.api` gathers the public ones."""
