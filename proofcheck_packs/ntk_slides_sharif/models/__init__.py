"""The slides' models: the two-layer ReLU network's infinite-width Gram matrix H^infinity (``gram``)."""
