"""Publishing: Parquet/CSV files, the Frictionless descriptor, DuckDB, the validation report, workbook, catalog
and data dictionary, all generated from the registry. Publishers never parse."""
