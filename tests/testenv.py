# A pytest plugin (-p tests.testenv) loaded before Django is set up: tests run with
# production-like settings (DEBUG off), which require a SECRET_KEY.
import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DATA_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "test"))
os.environ.setdefault("TASKS_BACKEND", "immediate")
# The demo city without its months of history (tests/demo/test_demo_history.py makes it).
os.environ.setdefault("DEMO_HISTORY_DAYS", "0")
