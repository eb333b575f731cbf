"""The running pactum system: HTTP API, application services, event store, projection runner, CLI."""
