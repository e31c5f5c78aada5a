"""Purpose-led communication and the tipping point: model, chart and widget."""
