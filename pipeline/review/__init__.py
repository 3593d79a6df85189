"""Human review of extracted claims: a local web page, a SQLite verdict store, and exports."""
