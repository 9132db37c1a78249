"""Hyphenation in the PDFs splits long Danish words, never a person's name or a web address: a secretary would
not send "Anne Ek-sempel" or "htt-ps://" (names and addresses are marked `hyphens: manual`)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import yaml

from tests.helpers import RunCli


def test_names_and_addresses_are_not_hyphenated(cli: RunCli, repo_copy: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "referat.pdf"
    result = cli("minutes", "nord", "2026-09-08", "--format", "pdf", "-o", str(pdf), "--today", "2026-12-01",
                 cwd=repo_copy)  # fmt: skip
    assert result.code == 0, result.output
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    split = {first + rest for first, rest in re.findall(r"(\w+)\u2010\n(\w+)", text)}
    assert split, "the minutes have long words that are hyphenated (else this test shows nothing)"
    members = yaml.safe_load((repo_copy / "forums/nord/members.yaml").read_text(encoding="utf-8"))
    names = {word for seat in members["seats"] if seat.get("person") for word in seat["person"]["name"].split()}
    assert split.isdisjoint(names), split & names
    assert "https" not in split
