"""Helpers the tests share (instead of importing from conftest or from each other): running the real CLI,
a headless browser with axe-core, reading PDFs, publishing cases, and a fake mail transport."""

from tests.helpers.cli import REAL_DATE, REPO_ROOT, CliResult, RunCli

__all__ = ["REAL_DATE", "REPO_ROOT", "CliResult", "RunCli"]
