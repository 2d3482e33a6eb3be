# TEMPORARY: replaced by the YAML form loader (issue 9 point 5).
from services.applications.demo_forms import *  # noqa: F403
from services.applications.demo_forms import _field_values, demo_answers, demo_form_definitions, load_demo_forms  # noqa: F401
