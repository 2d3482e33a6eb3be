from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import FileResponse, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from services.catalogue.forms import searched_text
from services.catalogue.models import MAX_QUERY_LENGTH

from .middleware import ELDER_COOKIE

ONE_YEAR = 365 * 24 * 3600


@never_cache
def healthz(request):
    """For the load balancer: the process is up and answering. Deliberately touches nothing
    else, so it also serves as the bare-view baseline in bench/."""
    return HttpResponse("ok", content_type="text/plain")


def _safe_next(request, fallback="/"):
    target = request.GET.get("next") or request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@csrf_exempt
@require_http_methods(["GET", "POST"])
def elder_mode(request):
    """Elder mode (large text, strong contrast, big targets), remembered for a year.

    The switch is a POST form in the page chrome; a GET only shows a page explaining elder mode
    with the same form, so link prefetchers and crawlers never change anyone's display.

    CSRF: deliberately exempt from the token check. The form sits in the chrome of anonymous
    pages that are cached whole and served to everyone (services/lib/cache.py, services/lib/shell.py),
    so it cannot carry a per-visitor token; and what it sets is a display preference cookie the
    visitor can switch back with one click - nothing of value to a forger. Cross-site posts are
    still refused by their Origin / Sec-Fetch-Site headers, which browsers set and pages cannot."""
    target = _safe_next(request)
    with translation.override(translation.get_language_from_path(target) or translation.get_language()):
        if request.method == "GET":
            body = loader.render_to_string("elder_mode.html", {"target": target, "elder_next": target}, request)
            return HttpResponse(body)
        if _cross_site(request):
            return csrf_failure(request, reason="cross-site elder mode switch")
    response = HttpResponseRedirect(target)
    if request.POST.get("on") == "1":
        response.set_cookie(
            ELDER_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response


def _cross_site(request):
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:  # older browsers send none on same-origin posts
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def favicon(request):
    """/favicon.ico, which browsers and bookmarking tools ask for whatever the page links; kept a
    week in their cache."""
    response = FileResponse((settings.BASE_DIR / "static" / "favicon.ico").open("rb"), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response


def _back_url(request):
    """Where the visitor came from, when that is a page of this site; else the home page."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return None


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired form or a browser that refuses cookies gets the portal's 403
    page in the visitor's language, saying what to do, not Django's page about DEBUG."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    context = {"csrf": True, "cookies_missing": reason == REASON_NO_CSRF_COOKIE, "back_url": _back_url(request)}
    return HttpResponseForbidden(loader.render_to_string("403.html", context, request))


def permission_denied(request, exception=None):
    body = loader.render_to_string("403.html", {"csrf": False, "back_url": _back_url(request)}, request)
    return HttpResponseForbidden(body)


def address_too_long(request):
    # The page's search box holds the first MAX_QUERY_LENGTH characters of what was searched.
    try:
        query = searched_text(request.GET.get("q"))
    except SuspiciousOperation:  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
        query = ""
    body = loader.render_to_string("414.html", {"max_query": MAX_QUERY_LENGTH, "query": query}, request)
    return HttpResponse(body, status=414)


def page_not_found(request, exception=None):
    body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request):
    # No context processors that touch the database: the database may be what failed.
    body = loader.get_template("500.html").render({"elder_mode": getattr(request, "elder_mode", False)})
    return HttpResponse(body, status=500)


def bad_request(request, exception=None):
    body = loader.render_to_string("400.html", {}, request)
    return HttpResponse(body, status=400)


def too_large(request):
    body = loader.render_to_string(
        "413.html", {"max_mb": settings.MAX_REQUEST_MB, "upload_mb": settings.UPLOAD_MAX_MB}, request
    )
    return HttpResponse(body, status=413)
