"""Challenging the status quo: assumption maps, the cheapest convincing test, forgiveness or permission."""
