"""Delegation: decide less, support more: model, chart and widget."""
