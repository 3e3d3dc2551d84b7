"""Publishing: typed frames, Parquet/CSV files, the Frictionless descriptor and DuckDB, all from the registry."""
