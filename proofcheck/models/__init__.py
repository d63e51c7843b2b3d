"""Models: quadratic models, the two-layer network, trained trajectories and their case families."""
