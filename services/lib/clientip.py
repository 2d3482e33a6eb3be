import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address, for rate limits.

    X-Forwarded-For is a list the client starts and each proxy appends to, so only the entries
    our own proxies added can be believed: with TRUSTED_PROXY_COUNT proxies in front, the client
    is the Nth entry from the right. With no proxy (the default, and `make run`) the header is
    ignored, so a visitor cannot change their address, or use up someone else's, by setting it.
    A header shorter than the count, or an entry that is not an address, falls back to the
    connection's own address (like werkzeug's ProxyFix).

    An IPv6 address is counted as its /64 network: that is one subscriber's allocation, so a
    visitor holding one could otherwise rotate through 2**64 addresses, each with a fresh budget
    (and lock a stranger's account out from "many" addresses at no cost)."""
    if request is None:
        return ""
    remote = _network(request.META.get("REMOTE_ADDR", ""))
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if not entries[0] or len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return _network(candidate)


def _network(address):
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
