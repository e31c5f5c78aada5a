"""Culture change through consistency: model, chart and widget."""
