"""The packs that ship with proofcheck, one package per document, each registered through the
entry-point group ``proofcheck.packs`` exactly as a pack in a distribution of its own is."""
