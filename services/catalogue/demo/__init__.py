"""Demo content for the fictional Haipu City (海浦市): districts, departments, life events,
services with complete bilingual guides, and service centres. Loaded by `manage.py load_demo`.

Haipu is made up. It is modelled on a large Chinese city's one-stop government portal but is
not the portal of any real government; phone numbers, addresses and e-mail domains are fictional.
"""

from .places import ACCESS, CENTRES, DEPARTMENTS, DISTRICTS, HOURS, LIFE_EVENTS, complaint_channel
from .services_business import BUSINESS_SERVICES
from .services_people import PEOPLE_SERVICES
from .services_welfare import WELFARE_SERVICES

SERVICES = PEOPLE_SERVICES + WELFARE_SERVICES + BUSINESS_SERVICES

# Which kinds of centre handle a counter service, when the service does not say (`at`).
DEFAULT_CENTRE_KINDS = {
    "individual": ("district", "community"),
    "business": ("district", "enterprise"),
    "both": ("district", "community", "enterprise"),
}

__all__ = [
    "ACCESS",
    "CENTRES",
    "DEFAULT_CENTRE_KINDS",
    "DEPARTMENTS",
    "DISTRICTS",
    "HOURS",
    "LIFE_EVENTS",
    "SERVICES",
    "complaint_channel",
]
