"""The HTTP API: litestar controllers over the application services and the read models."""
