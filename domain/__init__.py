"""The agreement-tracking domain: aggregates, events, values and rules. No I/O."""
