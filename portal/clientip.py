from django.conf import settings


def client_ip(request):
    """The visitor's address, for rate limits. Behind our load balancer (BEHIND_PROXY, which
    sets SECURE_PROXY_SSL_HEADER) the last X-Forwarded-For entry is the one it added; earlier
    entries come from the client and can be forged."""
    if request is None:
        return ""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
