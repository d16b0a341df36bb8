"""The drafting tool (``make draft``): proposes the facts and not-data files of a new article for a coder to
review, and scores itself against hand codings (``make draft-score``). The notebooks never import it."""
