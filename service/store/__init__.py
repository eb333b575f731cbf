"""Adapters: database and embedded server, migrations, event store, repository, projection runner."""
