"""The line model and text normalisation: pure functions over text, no I/O."""
