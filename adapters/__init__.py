"""Chat adapters: each translates its platform's events into core calls and renders replies."""
