"""Published reference series the report sets beside its own numbers."""
