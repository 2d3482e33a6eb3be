"""The Haipu City demo: content as YAML files under `data/`, loaded by `manage.py load_demo`.

The only app allowed to import every other app (see the import contracts in pyproject.toml).
"""
