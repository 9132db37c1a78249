"""driftsforum — sekretariatsværktøj til tværsektorielle driftsfora."""

__version__ = "0.1.0"
