# TEMPORARY: replaced by services/demo/applications.py proper (issue 9 point 5).
from services.applications.demo_applications import *  # noqa: F403
from services.applications.demo_applications import load_demo_applications, load_demo_caseload  # noqa: F401
