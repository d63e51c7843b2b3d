"""Numerics: the arithmetic contexts (float64, mpmath, Arb) and what is computed in them: norms, PSD
exponentials, product integrals, flows, enclosures. Imports only the core."""
