from django.conf import settings
from django.utils.translation import get_language

OTHER = {"zh-hans": ("en", "English"), "en": ("zh-hans", "中文")}


def _other_language_url(path, current, other):
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{other}/" + path[len(prefix) :]
    return f"/{other}/"


def portal(request):
    current = get_language() or settings.LANGUAGE_CODE
    other, other_name = OTHER.get(current, OTHER[settings.LANGUAGE_CODE])
    full_path = request.get_full_path()
    if len(full_path) > settings.MAX_URL_LENGTH:
        # The 414 page: its switches must not echo (and re-send) the over-long address.
        full_path = request.path[: settings.MAX_URL_LENGTH]
    elder = getattr(request, "elder_mode", False)
    return {
        "elder_mode": elder,
        "other_language": other,
        "other_language_name": other_name,
        "other_language_url": _other_language_url(full_path, current, other),
        # The elder-mode switch is a POST form in the chrome (portal.views.elder_mode).
        "elder_next": full_path,
    }
