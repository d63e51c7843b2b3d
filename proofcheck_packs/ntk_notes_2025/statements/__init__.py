"""The statements of the notes "Neural Tangent Kernels" (2025-08-10), one module each."""
