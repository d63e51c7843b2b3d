"""The lecture's models: the two-layer 1/sqrt(d) network with both layers trained (``network``)."""
