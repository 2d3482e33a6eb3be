"""Sending a text message (SMS) to a mainland mobile number.

SMS_BACKEND chooses how:
- "file" (the default): each message is written to a file under SMS_FILE_PATH (DATA_DIR/sms),
  readable by its owner only, like the emails in data/emails/, so a newcomer can read them;
- "locmem": kept in `outbox` (tests);
- a dotted path to a function `send(number, text)`: the operator's gateway client.
"""

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

outbox = []  # (number, text), for SMS_BACKEND = "locmem"


def send_sms(number, text):
    backend = getattr(settings, "SMS_BACKEND", "file")
    if backend == "locmem":
        outbox.append((number, text))
    elif backend == "file":
        _write(number, text)
    else:
        import_string(backend)(number, text)


def _write(number, text):
    folder = Path(getattr(settings, "SMS_FILE_PATH", None) or Path(settings.DATA_DIR) / "sms")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}.txt"
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"To: {number}\n\n{text}\n")
