"""sushi-vp trace tools (Python side): see traces/plot and docs/traces.md."""
