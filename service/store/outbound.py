"""Outbound HTTP that never reaches inside: http(s) URLs only, to public addresses, checked when a URL is
accepted and again at each connection (the address connected to is the address checked)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore
import httpx

MAX_URL_LENGTH = 2000
RESOLVE_TIMEOUT_S = 3


class UnsafeUrl(Exception):
    """The URL is not http(s), or it resolves to a loopback, private, link-local or other inside address."""


def split_url(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL, or UnsafeUrl."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeUrl("the URL cannot be parsed") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeUrl("webhook URLs are http:// or https:// URLs with a host")
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeUrl(f"webhook URLs are at most {MAX_URL_LENGTH} characters")
    return parts.hostname, port


async def public_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """Every address the host resolves to, all of them public unless private ones are allowed."""
    try:
        found = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_S)
    except (socket.gaierror, UnicodeError, TimeoutError):
        raise UnsafeUrl(f"the host {host!r} does not resolve") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise UnsafeUrl(f"the host {host!r} resolves to {address}, an address inside a network")
    return addresses


async def check_url(url: str, allow_private: bool) -> None:
    host, port = split_url(url)
    await public_addresses(host, port, allow_private)


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to an address it has just checked, so a DNS answer cannot change in between."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            address = (await public_addresses(host, port, self.allow_private))[0]
        except UnsafeUrl as refused:
            raise httpcore.ConnectError(f"refused: {refused}") from None
        return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                            socket_options=socket_options)

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("refused: no unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def outbound_client(allow_private: bool, timeout: float) -> httpx.AsyncClient:
    """A client that follows no redirects and connects only to checked addresses."""
    transport = httpx.AsyncHTTPTransport(retries=0)
    transport._pool._network_backend = _CheckedBackend(allow_private)  # httpx offers no public hook for it
    return httpx.AsyncClient(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False)
