"""Reading the demo's YAML files (`services/demo/data/`)."""

import functools
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
# libyaml's safe loader reads the demo about eight times faster than the pure-Python one (0.03 s
# instead of 0.26 s for the forms); the same safe subset of YAML either way.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _read(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=LOADER)  # noqa: S506 - a safe loader


def read(name):
    """The parsed content of `data/<name>` (e.g. "places.yaml"). Cached per process: treat it
    as read-only."""
    return _read(DATA / name)


def read_all(folder):
    """[(file stem, parsed content)] of every `data/<folder>/*.yaml`, in file-name order."""
    return [(path.stem, _read(path)) for path in sorted((DATA / folder).glob("*.yaml"))]
