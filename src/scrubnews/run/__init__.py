"""How a run executes: the stages in order (``stages``), dask as an engine (``dask``), and the
C heap's settings (``heap``)."""
