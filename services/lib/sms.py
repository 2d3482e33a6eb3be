"""Sending a text message (SMS) to a mainland mobile number.

SMS_BACKEND chooses how, the way EMAIL_BACKEND does for emails:

- "file" (the default): each message is written to its own file under SMS_FILE_PATH
  (DATA_DIR/sms, that is data/sms/), readable by its owner only (0600, in a 0700 folder), like
  the emails in data/emails/, so a newcomer can read what would have been sent;
- "console": printed to standard output (for `make dev`);
- "locmem": kept in `outbox` as (number, text) pairs (the tests);
- a dotted path to the operator's gateway client (below).

The gateway interface
---------------------
SMS_BACKEND = "mycity.sms.Gateway" names either

- a class: it is made once per process with no arguments (read its own settings, e.g. the
  account key from the environment) and its method `send(number, text)` is called; or
- a function `send(number, text)`.

`number` is 11 digits (13812345678, no +86); `text` is the whole message, already in the
recipient's language and already signed with the portal's name ("海浦市一网通办：..."); the
gateway must not add a second signature. Return value: ignored. On failure it must raise
`SmsError` (or any exception): the message was not accepted by the carrier. Retries: a gateway
retries a transient failure (time-out, HTTP 5xx, rate limit) itself, at most a few times within
about 30 seconds, because it runs inside a task and a task is not run again by itself; after
that, or at once for a permanent failure (a number the carrier rejects), it raises
`SmsError(..., permanent=True|False)`. The task then ends as FAILED in the tasks table
(django-tasks-db) with the exception, where an operator sees it; the portal never retries a text
message by itself, so a message is never sent twice.

Length
------
One SMS holds 70 characters when any character is outside the GSM 03.38 alphabet (UCS-2, so every
Chinese message), or 160 GSM characters otherwise (English text). `check_one_message(text)` raises
`MessageTooLong` for a text that needs more than one SMS: every notification (services/lib/notify.py)
goes through it, and the tests render every notification template with long realistic values, so
an over-long template is a programming error found by the tests, never a bill for two messages.
Typographic punctuation in an English text (a curly apostrophe or dash in an officer's note or a
centre's name, typed in a word processor) would make the whole message UCS-2 and cost it 90
characters: `plain_punctuation` replaces it with the plain GSM equivalent (’ ‘ to ', “ ” to ",
– — to -, … to ...) whenever that makes the text GSM. A text with any Chinese character is
UCS-2 anyway and is never touched: Chinese keeps its full-width punctuation. notify.render_sms
measures the plain text, and `send_sms` sends it.
`send_sms` itself sends longer texts too (the gateway splits them into parts of 67 or 153): the
account sign-up and contact-change messages carry a one-time link that cannot fit in one SMS.
"""

import os
import secrets
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

outbox = []  # (number, text), for SMS_BACKEND = "locmem"

UCS2_LIMIT = 70  # characters in one SMS holding any character outside the GSM alphabet
GSM_LIMIT = 160  # GSM 03.38 characters in one SMS
UCS2_PART = 67  # a part of a longer, concatenated message (the rest is the joining header)
GSM_PART = 153

# GSM 03.38 basic character set, and the extension table (each of those costs two).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


# Typographic punctuation and its plain equivalent in the GSM alphabet.
TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
        "•": "-",
        **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f", " "),
        **dict.fromkeys("\u200b\u2060\ufeff", ""),
    }
)


def plain_punctuation(text):
    """`text` with its typographic punctuation made plain when that makes it GSM text (160
    characters a message instead of 70); otherwise `text` as it is - a text with any character
    outside the GSM alphabet, such as every Chinese one, is UCS-2 anyway, and Chinese keeps its
    full-width punctuation."""
    plain = text.translate(TYPOGRAPHIC)
    return plain if plain != text and is_gsm(plain) else text


class SmsError(Exception):
    """A text message was not accepted for delivery. `permanent` says retrying cannot help
    (a number the carrier rejects) rather than a passing failure (time-out, rate limit)."""

    def __init__(self, message, *, permanent=False):
        super().__init__(message)
        self.permanent = permanent


class MessageTooLong(ValueError):
    """A notification's text needs more than one SMS: shorten its template."""


def is_gsm(text):
    return all(char in GSM_BASIC or char in GSM_EXTENDED for char in text)


def length(text):
    """The text's length as the carrier counts it: GSM characters (an extension character counts
    two) for GSM text, else UTF-16 units (a character outside the BMP, such as an emoji, counts
    two)."""
    if is_gsm(text):
        return sum(2 if char in GSM_EXTENDED else 1 for char in text)
    return len(text.encode("utf-16-le")) // 2


def limit(text):
    """How much of `text`'s kind fits in one SMS: 160 for GSM text, 70 otherwise."""
    return GSM_LIMIT if is_gsm(text) else UCS2_LIMIT


def fits_one_message(text):
    return length(text) <= limit(text)


def parts(text):
    """How many SMS the carrier sends (and bills) for `text`."""
    units = length(text)
    if units <= limit(text):
        return 1
    part = GSM_PART if is_gsm(text) else UCS2_PART
    return -(-units // part)


def check_one_message(text):
    """`text`, if it fits in one SMS; MessageTooLong otherwise."""
    if not text:
        raise MessageTooLong("An empty text message.")
    if not fits_one_message(text):
        raise MessageTooLong(
            f"{length(text)} characters where one SMS holds {limit(text)} ({parts(text)} parts): {text!r}"
        )
    return text


# --- Backends ----------------------------------------------------------------------------------


class FileBackend:
    """One file a message in SMS_FILE_PATH, readable by its owner only."""

    def send(self, number, text):
        folder = Path(getattr(settings, "SMS_FILE_PATH", None) or Path(settings.DATA_DIR) / "sms")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}.txt"
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_as_text(number, text))
        return folder / name


class ConsoleBackend:
    """Printed to standard output, like Django's console email backend."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, number, text):
        stream = self.stream or sys.stdout
        stream.write(_as_text(number, text) + "-" * 79 + "\n")
        stream.flush()


class LocmemBackend:
    """Kept in `outbox` (the tests)."""

    def send(self, number, text):
        outbox.append((number, text))


class FunctionBackend:
    """The operator's gateway given as a function send(number, text)."""

    def __init__(self, function):
        self.function = function

    def send(self, number, text):
        self.function(number, text)


def _as_text(number, text):
    return (
        f"To: {number}\nDate: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"Length: {length(text)} of {limit(text)} ({parts(text)} SMS)\n\n{text}\n"
    )


BUILT_IN = {"file": FileBackend, "console": ConsoleBackend, "locmem": LocmemBackend}
_gateways = {}  # dotted path -> backend, made once per process
_lock = threading.Lock()


def get_backend(name=None):
    """The backend SMS_BACKEND (or `name`) names. A dotted path to a class is made once."""
    name = name or getattr(settings, "SMS_BACKEND", "") or "file"
    if name in BUILT_IN:
        return BUILT_IN[name]()
    with _lock:
        if name not in _gateways:
            target = import_string(name)
            _gateways[name] = target() if isinstance(target, type) else FunctionBackend(target)
        return _gateways[name]


def send_sms(number, text):
    """Hand `text` (its punctuation made plain if that keeps it GSM) to the configured backend
    for `number`; its exceptions are passed on."""
    get_backend().send(number, plain_punctuation(text))
