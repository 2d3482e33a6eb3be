"""English: ISO dates, 24-hour times (portal/formats/__init__.py says why)."""

from portal.formats._iso import *  # noqa: F403

YEAR_MONTH_FORMAT = "F Y"  # November 2026 (the admin's date drill-down)
MONTH_DAY_FORMAT = "j F"  # 28 November
