"""Your transition plan: the book's closing chapter, a plan built from the learner's own answers."""

#: The word a reader searches the book for to find this chapter (the search test holds it).
KEY_TERM = "competencies"
