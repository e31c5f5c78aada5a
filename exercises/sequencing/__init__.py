"""Sequencing: ordering and allocating the work that follows product-market fit."""
