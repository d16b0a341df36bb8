"""Reading the inputs: the raw article, the hand-coded facts and not-data tokens, the metadata, and the
tables' codebook. Every value is parsed from a verbatim quote of the article; nothing here judges it."""
