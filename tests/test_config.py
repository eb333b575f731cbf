"""The settings: typed, checked, one line naming the variable; the README's table written from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.config import ConfigError, Settings, settings_table

README = Path(__file__).parent.parent / "README.md"


def test_defaults_and_typed_values():
    settings = Settings.from_env({"PORT": "9001", "PACTUM_READ_WAIT": "2.5",
                                  "PACTUM_WEBHOOK_ALLOW_PRIVATE": "yes",
                                  "PACTUM_PUBLIC_VIEWS": "agreements, at-risk", "DATABASE_URL": ""})
    assert settings.port == 9001
    assert settings.read_wait_s == 2.5
    assert settings.webhook_allow_private is True
    assert settings.public_views == frozenset({"agreements", "at-risk"})
    assert settings.database_url is None
    assert (settings.host, settings.rate_limit_per_minute, settings.pool_size) == ("127.0.0.1", 1200, 10)


@pytest.mark.parametrize(("env", "line"), [
    ({"PORT": "abc"}, "PORT='abc': not a whole number"),
    ({"PORT": "70000"}, "PORT='70000': must be from 0 to 65535"),
    ({"PACTUM_RATE_LIMIT": "0"}, "PACTUM_RATE_LIMIT='0': must be ≥ 1"),
    ({"PACTUM_READ_WAIT": "soon"}, "PACTUM_READ_WAIT='soon': not a number of seconds"),
    ({"PACTUM_TRANSACTION_TIMEOUT": "-1"},
     "PACTUM_TRANSACTION_TIMEOUT='-1': must be a positive number of seconds"),
    ({"PACTUM_WEBHOOK_ALLOW_PRIVATE": "maybe"},
     "PACTUM_WEBHOOK_ALLOW_PRIVATE='maybe': not one of 1/0, true/false, yes/no"),
    ({"PACTUM_PUBLIC_VIEWS": "secrets"},
     "PACTUM_PUBLIC_VIEWS='secrets': unknown views ['secrets']; "
     "choose from ['agreements', 'at-risk', 'progress']"),
    ({"PACTUM_LOG_LEVEL": "loud"}, "PACTUM_LOG_LEVEL='loud': not one of debug, info, warning, error"),
    ({"DATABASE_URL": "mysql://db/x"}, "DATABASE_URL: not a postgresql:// URL"),
    ({"DATABASE_URL": "postgresql://u:pw@db:port/x"},
     "DATABASE_URL: malformed URL (Port could not be cast to integer value as 'port')"),
    ({"DATABASE_URL": "postgresql:///pactum"}, "DATABASE_URL: the URL names no host"),
])
def test_a_bad_value_is_one_line_naming_the_variable(env, line):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env(env)
    assert str(refused.value) == line


def test_a_socket_directory_is_a_host():
    url = "postgresql://postgres@/pactum?host=/tmp/pg"
    assert Settings.from_env({"DATABASE_URL": url}).database_url == url


def test_the_readme_table_is_the_one_written_from_the_settings():
    block = re.search(r"<!-- settings: written by `pactum config` -->\n(.*?)<!-- /settings -->",
                      README.read_text(), re.S)
    assert block is not None, "README has no settings table"
    assert block.group(1) == settings_table(), "README settings table drifted: paste `pactum config`"


def test_every_variable_is_in_the_table():
    table = settings_table()
    for name in ("DATABASE_URL", "PACTUM_DATA_DIR", "HOST", "PORT", "PACTUM_RATE_LIMIT", "PACTUM_LOG_LEVEL",
                 "PACTUM_SHUTDOWN_GRACE", "PACTUM_PUBLIC_VIEWS", "PACTUM_WEBHOOK_RETRY_WINDOW"):
        assert f"| `{name}` |" in table
