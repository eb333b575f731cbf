"""The log's signing key: given by the operator, or generated on first start under the data directory."""

from __future__ import annotations

import os
from pathlib import Path

from service.config import Settings
from service.store.signed_note import Signer

KEY_FILE = "log-signing.key"


def key_path(settings: Settings) -> Path:
    return settings.log_key_file or settings.data_dir / KEY_FILE


def load_signer(settings: Settings) -> Signer:
    """PACTUM_LOG_KEY (a signer key string), else the key file, created (mode 0600) when absent."""
    if settings.log_key:
        return Signer.parse(settings.log_key)
    path = key_path(settings)
    try:
        return Signer.parse(path.read_text())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    signer = Signer.generate(settings.log_origin)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return Signer.parse(path.read_text())
    with os.fdopen(fd, "w") as out:
        out.write(str(signer) + "\n")
    return signer
