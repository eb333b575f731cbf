"""Handlers: plain functions `(agreement, command, decision) -> None` that call the domain."""
