"""Models: what every document's models share (a cache of the quantities a case's model computes, keyed
on all its arguments). A document's own models belong to its pack."""
