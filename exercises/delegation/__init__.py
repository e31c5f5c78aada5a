"""Delegation: decide less, support more: model, chart and widget."""

#: The word a reader searches the book for to find this chapter (the search test holds it).
KEY_TERM = "delegation"
