from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from services.catalogue.forms import CentreFilterForm
from services.lib.cache import cache_public_page

from .models import ServiceCentre


@cache_public_page
def centre_list(request):
    form = CentreFilterForm(request.GET)
    centres = ServiceCentre.objects.select_related("district").prefetch_related("opening_hours")
    district = form.cleaned_data.get("district") if form.is_valid() else None
    if district:
        centres = centres.filter(district=district)
    page = Paginator(centres, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "offline/centre_list.html",
        {
            "form": form,
            "page": page,
            "district": district,
            "ignored": bool(form.errors),
            "nav": "centres",
            "crumbs": [(_("Service centres"), None)],
        },
    )


@cache_public_page
def centre_detail(request, slug):
    centre = get_object_or_404(
        ServiceCentre.objects.select_related("district").prefetch_related("opening_hours"), slug=slug
    )
    services = (
        centre.services.published()
        .select_related("department")
        .only("slug", "name_zh", "name_en", "department__name_zh", "department__name_en")
        .order_by("department__order", "-popularity")
    )
    return render(
        request,
        "offline/centre_detail.html",
        {
            "centre": centre,
            "services": services,
            "nav": "centres",
            "crumbs": [(_("Service centres"), reverse("offline:centre-list")), (centre.name, None)],
        },
    )
