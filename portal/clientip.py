import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address, for rate limits.

    X-Forwarded-For is a list the client starts and each proxy appends to, so only the entries
    our own proxies added can be believed: with TRUSTED_PROXY_COUNT proxies in front, the client
    is the Nth entry from the right. With no proxy (the default, and `make run`) the header is
    ignored, so a visitor cannot change their address, or use up someone else's, by setting it.
    A header shorter than the count, or an entry that is not an address, falls back to the
    connection's own address (like werkzeug's ProxyFix)."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if not entries[0] or len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
