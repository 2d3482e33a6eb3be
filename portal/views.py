from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


@require_GET
def elder_mode(request):
    """Switch elder mode on (?on=1) or off (?on=0) and go back. A plain link, so it works
    without JavaScript and from a cached page; the choice is remembered for a year."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.GET.get("on") == "1":
        response.set_cookie(
            ELDER_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response


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
    from django.conf import settings

    body = loader.render_to_string(
        "413.html", {"max_mb": settings.MAX_REQUEST_MB, "upload_mb": settings.UPLOAD_MAX_MB}, request
    )
    return HttpResponse(body, status=413)
