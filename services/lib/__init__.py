"""Shared plumbing with no models (like healthchecks' hc/lib): every app may import it; it
imports no app."""
