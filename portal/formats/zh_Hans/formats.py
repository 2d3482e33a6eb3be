"""Simplified Chinese: ISO dates, 24-hour times (portal/formats/__init__.py says why)."""

from portal.formats._iso import *  # noqa: F403

YEAR_MONTH_FORMAT = "Y年n月"  # 2026年11月 (the admin's date drill-down)
MONTH_DAY_FORMAT = "n月j日"  # 11月28日
