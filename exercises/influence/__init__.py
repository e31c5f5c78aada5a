"""Influence and buy-in: model, chart and widget."""
