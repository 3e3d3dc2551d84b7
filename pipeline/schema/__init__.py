"""The one registry of table metadata (fields, types, descriptions, keys).

``model`` defines the vocabulary; ``common`` the identifier formats; ``fields`` every field that several
tables publish, declared once; each ``tables_*`` module declares a group of tables; ``registry`` collects
them; ``frames`` types rows and frames from it; ``lazy_frames`` reads a build's tables when a step looks them
up. The descriptor, Parquet/CSV schemas, DuckDB comments and
baseline expectations are all generated from here and nowhere else.
"""
