"""Outgoing webhooks: the delivery worker."""
