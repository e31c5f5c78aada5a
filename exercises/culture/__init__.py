"""Culture change through consistency: model, chart and widget."""

#: The word a reader searches the book for to find this chapter (the search test holds it).
KEY_TERM = "cadence"
