"""System checks of the portal's own settings, run by `manage.py check --deploy`.

SITE_URL is the address every email links to (services/lib/emails.py): confirmations, tracking, the
guest's resume link, password resets, sign-up links, officers' reminders. Nothing at run time can
tell it is wrong - the emails go out and their links lead elsewhere - so the deployment check says
so before the portal serves anyone. Registered from PortalConfig.ready() (portal/apps.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import split_domain_port, validate_host

HINT = (
    "Set SITE_URL to the address citizens use, e.g. SITE_URL=https://services.example.gov.cn (README: Configuration)."
)


@register("portal", Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    site_url = settings.SITE_URL
    if not getattr(settings, "SITE_URL_SET", True):
        return [
            Warning(
                f"SITE_URL is not set, so every email links to {site_url}, the development address.",
                hint=HINT,
                id="portal.W001",
            )
        ]
    parts = urlsplit(site_url)
    host, _port = split_domain_port(parts.netloc.rpartition("@")[2])
    if (
        parts.scheme not in {"http", "https"}
        or not host
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        return [
            Warning(
                f"SITE_URL {site_url!r} is not an absolute http or https address of a host (with no path or query): "
                "the links in emails are made by adding the page's path to it.",
                hint=HINT,
                id="portal.W002",
            )
        ]
    problems = []
    if parts.scheme != "https" and settings.SECURE_SSL_REDIRECT:
        problems.append(
            Warning(
                f"SITE_URL {site_url!r} is plain http while SECURE_SSL_REDIRECT sends every request to https: "
                "every link in an email makes a needless redirect, and its first request goes unencrypted.",
                hint="Use the https address in SITE_URL.",
                id="portal.W003",
            )
        )
    if settings.ALLOWED_HOSTS and not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            Warning(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS {settings.ALLOWED_HOSTS!r}: every link in an "
                "email would be refused with 400 Bad Request.",
                hint="Add the host to ALLOWED_HOSTS, or correct SITE_URL.",
                id="portal.W004",
            )
        )
    return problems


@register("portal", Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Behind a TLS-terminating load balancer the portal must be told so (TRUSTED_PROXY_COUNT),
    or it sees plain http and redirects every request to https for ever; facing the internet
    itself it must not believe forwarded headers. Neither can be guessed safely, so a
    production site that redirects to https has to say which it is."""
    if settings.DEBUG or not settings.SECURE_SSL_REDIRECT or getattr(settings, "TRUSTED_PROXY_COUNT_SET", True):
        return []
    return [
        Warning(
            "TRUSTED_PROXY_COUNT is not set. Behind a load balancer or TLS terminator that is wrong: the portal "
            "sees plain http, redirects every request to https again and refuses every form.",
            hint="Set TRUSTED_PROXY_COUNT=1 behind one proxy (README: Configuration), or TRUSTED_PROXY_COUNT=0 "
            "when the portal itself terminates TLS.",
            id="portal.W005",
        )
    ]
