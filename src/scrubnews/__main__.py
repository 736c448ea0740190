"""``python -m scrubnews``."""

from scrubnews.entry import main

main()
