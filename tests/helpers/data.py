"""An indicator as indicators.yaml would describe it, for the data tests."""

from __future__ import annotations

from driftsforum_cli.models.indicators import Indicator


def make_indicator(**changes: object) -> Indicator:
    """'genindl-30' (a percentage from export.csv, columns Kommune/År/Andel (pct.)), with `changes`."""
    data: dict[str, object] = {
        "id": "genindl-30",
        "title": "Akutte psykiatriske genindlæggelser inden for 30 dage",
        "unit": "%",
        "source": {"url": "https://www.esundhed.dk/", "extracted": "2026-08-20"},
        "file": "export.csv",
        "columns": {"area": "Kommune", "period": "År", "value": "Andel (pct.)"},
    }
    data.update(changes)
    return Indicator.model_validate(data)
