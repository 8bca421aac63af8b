"""nbgrader notebooks: generated from the references, and the course folder around them (instructors)."""
import sys


def keep_out_jsonschemas_iri_parsers() -> None:
    """Before jsonschema is imported (nbformat and nbgrader validate notebooks with it): jsonschema imports every
    optional format checker it finds, and rfc3987_syntax's builds 38 parsers then, 1.7 s of every process that
    reads or writes a notebook (jsonschema issue #1428). The IRI formats it checks appear in no notebook schema
    and in none the kit's tests validate, so the process goes without it."""
    sys.modules.setdefault("rfc3987_syntax", None)
