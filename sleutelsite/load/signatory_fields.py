"""What an entry of signatories.yaml holds: its fields, the words signers write for them,
the longest text each may hold, and the choices of its type, province and verification.

Read by the checks (signatory_entries.py), the interface words (i18n.py) and the issue
form for signing (sign_issue.py).
"""

from __future__ import annotations

from sleutelsite.load.fields import Field
from sleutelsite.load.yaml_file import YamlMap

PATH = "signatories.yaml"
MAX_STATEMENT = 280
# The longest text each field may hold, checked before anything else looks at it.
MAX_LENGTHS = {
    "name": 150, "municipality": 80, "url": 500, "logo": 200, "statement": MAX_STATEMENT,
    "type": 40, "province": 40, "verified": 40,
}  # fmt: skip

# Words signers write instead of the field names, mostly Dutch.
FIELD_ALIASES = {
    "naam": "name", "organisatie": "name", "soort": "type", "gemeente": "municipality",
    "plaats": "municipality", "city": "municipality", "provincie": "province",
    "website": "url", "site": "url", "link": "url", "datum": "signed", "date": "signed",
    "ondertekend": "signed", "verklaring": "statement", "geverifieerd": "verified",
}  # fmt: skip
FIELDS = {
    "name": Field("text", required=True),
    "type": Field("text", required=True),
    "municipality": Field("text", required=True),
    "province": Field("text", required=True),
    "url": Field("text", required=True),
    "signed": Field("date", required=True),
    "verified": Field("text", required=True),
    "logo": Field("text"),
    "statement": Field("text"),
}
TYPES = (
    "gemeente", "overheid", "stichting", "vereniging", "zorg",
    "onderwijs", "welzijn", "bedrijf", "netwerk", "overig",
)  # fmt: skip
PROVINCES = (
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
    "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
)  # fmt: skip
PROVINCE_ALIASES = {"friesland": "Fryslân", "fryslan": "Fryslân", "brabant": "Noord-Brabant"}
VERIFIED = ("e-mail", "pull-request", "persoonlijk", "github-issue", "maker")
# The makers of the film manifesto (named in the article) joined the list without a
# signing date anyone confirmed: for them alone `signed` may be left out.
MAKER = "maker"
MAKER_FIELDS = {**FIELDS, "signed": Field("date")}


def fields_for(entry: object) -> dict[str, Field]:
    """The fields an entry must have: a maker's `signed` is optional (see MAKER)."""
    return MAKER_FIELDS if isinstance(entry, YamlMap) and entry.get("verified") == MAKER else FIELDS
