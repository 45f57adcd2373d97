"""One module per pipeline stage; each exposes ``build(config, rules) -> Stage``."""
