"""The JSON Schemas of the JSON contract, shipped as files: ``<name>.json``.

Generated from the classes by ``trainingrules.schema(name)`` (``trainingrules/_schema.py``);
regenerate the files with ``python -m trainingrules.schemas`` (``--check``: exit 1 if one
is stale). ``docs/service.md`` describes them.
"""
