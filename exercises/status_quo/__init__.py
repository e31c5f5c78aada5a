"""Challenging the status quo: assumption maps, the cheapest convincing test, forgiveness or permission."""

#: The word a reader searches the book for to find this chapter (the search test holds it).
KEY_TERM = "Chesterton"
