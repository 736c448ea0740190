"""Near-duplicate paragraphs: shingles → MinHash → LSH → exact check → clusters, and the saved index.

- ``shingles``: normalised word n-gram hashes of a paragraph;
- ``minhash``: signatures, LSH candidates, the exact check, clustering;
- ``dedup``: the pipeline stage that links a run's paragraphs to their cluster's original;
- ``shuffle``: the same search cut into steps for a cluster, the shingles left where they were made;
- ``clusters``: the clusters of a finished run, as ``scrubnews dupes`` prints them;
- ``index``: a corpus's signatures saved for ``check --against``.
"""
