"""The analyst's files and the contract they follow: schema, registry, reading, checking,
the validated dataset and the indicators computed from it."""
