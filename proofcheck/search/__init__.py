"""The search: case families, batched screening, local optimization, confirmation."""
