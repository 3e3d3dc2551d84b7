"""Documentation generated from the registry (the data dictionary) and helpers to run the documented SQL."""
