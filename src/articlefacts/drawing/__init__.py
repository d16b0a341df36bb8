"""Drawing: the house style, helpers that take and return a matplotlib ``Figure`` or ``Axes``, and the
finishing step that stamps title, source and caveat."""
