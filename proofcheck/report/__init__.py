"""Reporters: each renders an ``AuditResult`` (or its JSON form) and nothing else."""
