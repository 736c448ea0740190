"""Rebuilding the shipped models from the training pages: ``python -m scrubnews.training``.

``pages`` renders and labels the pages (with ``augment``'s made-up shapes),
``fit`` fits and cross-validates the trees, ``evaluate`` scores and tunes the
decoder, ``export`` writes the weights as plain data, ``title`` does the same
for the title model. Needs the ``train`` extra (scikit-learn); ``clean``
never imports this package.
"""
