"""Full pages whose chrome is rendered once, for the busiest public pages.

`render_in_shell()` renders a page's own content from its template on every request, and puts
it inside the page chrome - base.html's head, header, navigation, breadcrumbs and footer, which
costs several times more to render than a short result. For an anonymous visitor without
pending messages the chrome depends only on the language, elder mode, the path (the language
switch and elder-mode links point back to it), the title and the breadcrumbs, so each web
process keeps it, split around the content, per such combination. Signed-in users (whose
header names them and carries a CSRF token) and requests with messages to show always get the
chrome rendered afresh. Both ways produce the same page from the same `shell.html`.

The chrome holds nothing from the database, so it only changes with a deployment (templates,
translations, static file names), which restarts the processes.
"""

import threading
from collections import OrderedDict

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SHELL_TEMPLATE = "shell.html"
MARKER = "<!--portal:shell-content-->"
MAX_SHELLS = 256  # per process; a key is small, a shell about 4 KB

_shells = OrderedDict()
_lock = threading.Lock()  # threaded servers (runserver, gthread) share the dict


def render_in_shell(request, template_name, context, *, title, crumbs=(), status=200, nav=None):
    # The template engine escaped everything it put in `content`: it is HTML to insert as is.
    content = mark_safe(render_to_string(template_name, context, request))  # noqa: S308
    if not _reusable(request):
        return HttpResponse(_render_shell(request, title, crumbs, content, nav), status=status)
    elder = getattr(request, "elder_mode", False)
    key = (get_language(), elder, request.get_full_path(), str(title), _crumb_key(crumbs), nav)
    with _lock:
        parts = _shells.get(key)
        if parts is not None:
            _shells.move_to_end(key)
    if parts is None:
        parts = _render_shell(request, title, crumbs, mark_safe(MARKER), nav).split(MARKER)  # noqa: S308 - a constant
        if len(parts) != 2:  # the marker must appear exactly once
            raise ValueError(f"{SHELL_TEMPLATE} must show its content once")
        with _lock:
            _shells[key] = parts
            while len(_shells) > MAX_SHELLS:
                _shells.popitem(last=False)
    return HttpResponse(parts[0] + content + parts[1], status=status)


def _reusable(request):
    # Neither check touches the database for a visitor without a session cookie.
    return not request.user.is_authenticated and not len(get_messages(request))


def _crumb_key(crumbs):
    return tuple((str(label), url) for label, url in crumbs)


def _render_shell(request, title, crumbs, content, nav=None):
    # `nav`: the main navigation's current section (base.html marks it aria-current).
    context = {"shell_title": title, "crumbs": crumbs, "shell_content": content, "nav": nav}
    return render_to_string(SHELL_TEMPLATE, context, request)


def forget_shells():
    """For tests that change templates or settings the chrome depends on."""
    with _lock:
        _shells.clear()
