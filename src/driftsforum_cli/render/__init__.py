"""Turning domain results into text a person reads (Danish formats, templates)."""
