"""The signatory list and the municipalities' statuses as data for councils and the press:
JSON and CSV.

Columns are stable and documented in README.md; add new ones only at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import cast

from sleutelsite.model import Entry, Signatory

COLUMNS = ("name", "type", "municipality", "province", "url", "signed", "verified", "statement", "logo")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def signatory_record(signatory: Signatory, absolute_url: str) -> dict[str, str | None]:
    """One row; `signed` is None where no signing date is known (a maker of the manifesto)."""
    return {
        "name": signatory.name,
        "type": signatory.type,
        "municipality": signatory.municipality,
        "province": signatory.province,
        "url": signatory.url,
        "signed": signatory.signed.isoformat() if signatory.signed else None,
        "verified": signatory.verified,
        "statement": signatory.statement,
        "logo": absolute_url.rstrip("/") + "/" + signatory.logo if signatory.logo else "",
    }


def signatories_json(signatories: tuple[Signatory, ...], base_url: str) -> bytes:
    """What json.dumps(indent=2, ensure_ascii=False) makes of {count, columns, signatories},
    written out here: with an indent, json uses its pure Python encoder, ten times slower
    on 50,000 signatories (a test compares both)."""
    head = json.dumps({"count": len(signatories), "columns": list(COLUMNS)}, ensure_ascii=False, indent=2)
    records = ",\n".join(
        _RECORD.format(*map(_json_value, signatory_record(s, base_url).values())) for s in signatories
    )
    listed = f"[\n{records}\n  ]" if records else "[]"
    return f'{head[:-2]},\n  "signatories": {listed}\n}}\n'.encode()


_string = json.encoder.encode_basestring  # a str as JSON text, non-ASCII kept (in C where available)


def _json_value(value: str | None) -> str:
    return "null" if value is None else _string(value)


_RECORD = "    {{\n" + ",\n".join(f"      {_string(column)}: {{}}" for column in COLUMNS) + "\n    }}"


def signatories_csv(signatories: tuple[Signatory, ...], base_url: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows accents right; RFC 4180 line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for s in signatories:
        record = signatory_record(s, base_url)
        writer.writerow([_inert(record[c] or "") for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _inert(cell: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; make them text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


MUNICIPALITY_COLUMNS = ("code", "name", "province", "status", "date", "sources", "note", "page")


def municipality_records(entries: list[Entry], base_url: str) -> list[dict[str, str | None]]:
    """One row per municipality (of one language): where it stands and on what evidence.
    `sources` is each source as "title (author) url", joined with " | "."""
    rows = []
    for e in entries:
        sources = cast("tuple[tuple[str, str, str], ...]", e.sources)
        day = cast("dt.date | None", e.date)
        rows.append(
            {
                "code": str(e.code),
                "name": str(e.municipality),
                "province": str(e.province),
                "status": str(e.status),
                "date": day.isoformat() if day else None,
                "sources": " | ".join(
                    " ".join(part for part in (title, f"({author})" if author else "", url) if part)
                    for title, author, url in sources
                ),
                "note": str(e.note),
                "page": base_url.rstrip("/") + e.url,
            }
        )
    return rows


def municipalities_json(entries: list[Entry], base_url: str) -> bytes:
    """What json.dumps(indent=2, ensure_ascii=False) makes of {count, columns,
    municipalities}, written out as signatories_json is (a status edit makes it again)."""
    rows = municipality_records(entries, base_url)
    head = json.dumps(
        {"count": len(rows), "columns": list(MUNICIPALITY_COLUMNS)}, ensure_ascii=False, indent=2
    )
    records = ",\n".join(_MUNICIPALITY_RECORD.format(*map(_json_value, row.values())) for row in rows)
    listed = f"[\n{records}\n  ]" if records else "[]"
    return f'{head[:-2]},\n  "municipalities": {listed}\n}}\n'.encode()


_MUNICIPALITY_RECORD = (
    "    {{\n" + ",\n".join(f"      {_string(column)}: {{}}" for column in MUNICIPALITY_COLUMNS) + "\n    }}"
)


def municipalities_csv(entries: list[Entry], base_url: str) -> bytes:
    """Like the signatories' CSV: a byte-order mark, RFC 4180 line ends, no formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MUNICIPALITY_COLUMNS)
    for record in municipality_records(entries, base_url):
        writer.writerow([_inert(record[c] or "") for c in MUNICIPALITY_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
