"""Sequencing: ordering and allocating the work that follows product-market fit."""

#: The word a reader searches the book for to find this chapter (the search test holds it).
KEY_TERM = "backlog"
