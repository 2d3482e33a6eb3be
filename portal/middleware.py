from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ELDER_COOKIE = "elder"


class PreferencesMiddleware:
    """Reads the visitor's display preferences from cookies once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = request.COOKIES.get(ELDER_COOKIE) == "1"
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than MAX_REQUEST_MB before Django reads it, with a page in
    the visitor's language (413) rather than a dropped connection or a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_MB * 1024 * 1024:
            from .views import too_large

            return too_large(request)
        return self.get_response(request)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with one addition: the Django admin gets its own policy. Its
    templates (and ours under templates/admin/) still use inline styles in places, so the admin
    may use inline *styles* - never inline scripts or eval, which stay as strict as on the
    public pages. Staff pages sit behind a sign-in, and their content is written by staff."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.replace is None:
            parts.replace = {"style-src": [SELF, UNSAFE_INLINE]}
        return parts


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: the portal uses no camera, microphone, location,
    payment or device API, so none may be used by it or by anything that ever got into a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY)
        return response


class LongAddressMiddleware:
    """An address (path and query) longer than MAX_URL_LENGTH gets the portal's 414 page in the
    visitor's language ("shorten your search") instead of reaching a view. gunicorn lets request
    lines up to 8190 bytes through (`make run`: --limit-request-line 8190), so in practice a long
    search gets this page; only a line longer than that still meets gunicorn's own refusal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        raw = len(request.path) + len(request.META.get("QUERY_STRING", ""))
        if raw > settings.MAX_URL_LENGTH:
            from .views import address_too_long

            return address_too_long(request)
        return self.get_response(request)
