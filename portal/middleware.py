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
