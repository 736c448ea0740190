"""``scrubnews report``: one self-contained HTML page showing what a run cut and what matched."""
