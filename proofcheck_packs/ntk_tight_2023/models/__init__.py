"""The paper's models: quadratic models (Sections 1, 3, Appendix A), the two-layer network of Section 2,
trained trajectories and their case families."""
