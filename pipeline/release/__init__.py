"""Releases: what readers take away: a reproducible zip of the published package (``bundle``), a comparison of
two builds (``diff``) and running the package's SQL the way a reader does (``sql``)."""
