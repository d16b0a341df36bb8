"""From the checked facts to the tables the notebooks analyse: each profile year's measures side by side,
and the rotation flows. Each step is a function on a frame that a notebook calls and shows."""
