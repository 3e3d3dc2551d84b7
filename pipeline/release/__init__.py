"""Releases: a reproducible zip of the published package (``bundle``) and a comparison of two builds (``diff``)."""
