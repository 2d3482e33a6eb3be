ELDER_COOKIE = "elder"


class PreferencesMiddleware:
    """Reads the visitor's display preferences from cookies once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = request.COOKIES.get(ELDER_COOKIE) == "1"
        return self.get_response(request)
