"""Every message the build can show, in Dutch and English: (message, hint) per language.

Arguments in braces are filled in by `Problem`. Keep the words plain: most readers
are campaign editors or a stranger signing on GitHub's web editor.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # --- YAML syntax -------------------------------------------------------
    "yaml_tab": {
        "nl": (
            "er staat een tab in het inspringen (kolom {column}).",
            "YAML accepteert alleen spaties om in te springen. Vervang de tab (→) door spaties.",
        ),
        "en": (
            "a tab is used for indentation (column {column}).",
            "YAML only accepts spaces for indentation. Replace the tab (→) with spaces.",
        ),
    },
    "yaml_colon": {
        "nl": (
            "er staat een dubbele punt in een waarde zonder aanhalingstekens (kolom {column}).",
            'Zet de hele waarde tussen aanhalingstekens, bijvoorbeeld: name: "Stichting: De Brug".',
        ),
        "en": (
            "a colon appears in a value without quotes (column {column}).",
            'Put the whole value in quotes, for example: name: "Foundation: The Bridge".',
        ),
    },
    "yaml_indent": {
        "nl": (
            "deze regel springt anders in dan de regels eromheen (kolom {column}).",
            "Laat elk veld van een organisatie precies even ver inspringen als 'name:' erboven, met spaties.",
        ),
        "en": (
            "this line is indented differently from the lines around it (column {column}).",
            "Indent every field of an entry exactly as far as 'name:' above it, using spaces.",
        ),
    },
    "yaml_quote_then_text": {
        "nl": (
            "na een tekst tussen aanhalingstekens staat nog meer tekst (kolom {column}).",
            "Zet de hele waarde tussen één paar aanhalingstekens; gebruik binnenin enkele aanhalingstekens (').",
        ),
        "en": (
            "more text follows a quoted value (column {column}).",
            "Put the whole value inside one pair of quotes; use single quotes (') inside it.",
        ),
    },
    "yaml_missing_colon": {
        "nl": (
            "hier ontbreekt de dubbele punt tussen veldnaam en waarde.",
            "Schrijf het als 'veld: waarde', met een spatie na de dubbele punt.",
        ),
        "en": (
            "the colon between field name and value is missing here.",
            "Write it as 'field: value', with a space after the colon.",
        ),
    },
    "yaml_unclosed_quote": {
        "nl": (
            "een aanhalingsteken wordt op deze regel geopend maar nergens gesloten.",
            "Zet aan het eind van de waarde hetzelfde aanhalingsteken als aan het begin.",
        ),
        "en": (
            "a quote opens on this line but never closes.",
            "End the value with the same quote character it starts with.",
        ),
    },
    "yaml_unclosed_bracket": {
        "nl": (
            "een lijst tussen [ ] of {{ }} wordt niet gesloten.",
            "Sluit de lijst af met ] of }}, of schrijf elk item op een eigen regel met '- '.",
        ),
        "en": (
            "a list in [ ] or {{ }} is not closed.",
            "Close it with ] or }}, or write each item on its own line starting with '- '.",
        ),
    },
    "yaml_bad_start": {
        "nl": (
            "een waarde begint met een teken dat YAML niet toestaat (kolom {column}).",
            "Waarden die beginnen met @, `, %, | of > moeten tussen aanhalingstekens.",
        ),
        "en": (
            "a value starts with a character YAML does not allow (column {column}).",
            "Values starting with @, `, %, | or > must be quoted.",
        ),
    },
    "yaml_alias_undefined": {
        "nl": (
            "een waarde begint met '*', wat YAML als verwijzing leest (kolom {column}).",
            "Zet de waarde tussen aanhalingstekens.",
        ),
        "en": (
            "a value starts with '*', which YAML reads as a reference (column {column}).",
            "Put the value in quotes.",
        ),
    },
    "yaml_syntax": {
        "nl": (
            "deze regel is geen geldige YAML ({detail}, kolom {column}).",
            "Vergelijk de regel met de regels eromheen: 'veld: waarde', inspringen met spaties.",
        ),
        "en": (
            "this line is not valid YAML ({detail}, column {column}).",
            "Compare it with the lines around it: 'field: value', indented with spaces.",
        ),
    },
    "yaml_unreadable": {
        "nl": (
            "het bestand bevat tekens die niet gelezen kunnen worden ({detail}).",
            "Sla het bestand op als gewone UTF-8-tekst.",
        ),
        "en": (
            "the file contains characters that cannot be read ({detail}).",
            "Save the file as plain UTF-8 text.",
        ),
    },
    "yaml_duplicate_key": {
        "nl": (
            "het veld '{key}' staat hier voor de tweede keer (eerst op regel {first}).",
            "Houd één '{key}' over; YAML zou stilletjes de laatste nemen.",
        ),
        "en": (
            "the field '{key}' appears a second time (first on line {first}).",
            "Keep one '{key}'; YAML would silently keep the last one.",
        ),
    },
    "yaml_anchor": {
        "nl": ("YAML-ankers (&{name}) zijn hier niet toegestaan.", "Schrijf de waarde gewoon uit."),
        "en": ("YAML anchors (&{name}) are not allowed here.", "Write the value out in full."),
    },
    "yaml_alias": {
        "nl": ("YAML-verwijzingen (*{name}) zijn hier niet toegestaan.", "Schrijf de waarde gewoon uit."),
        "en": ("YAML aliases (*{name}) are not allowed here.", "Write the value out in full."),
    },
    "yaml_merge": {
        "nl": ("YAML-samenvoegen (<<) is hier niet toegestaan.", "Schrijf alle velden gewoon uit."),
        "en": ("YAML merge keys (<<) are not allowed here.", "Write all fields out in full."),
    },
    "yaml_tag": {
        "nl": (
            "YAML-tags zoals '{tag}' zijn hier niet toegestaan.",
            "Haal de tag weg en schrijf alleen de waarde.",
        ),
        "en": ("YAML tags such as '{tag}' are not allowed here.", "Remove the tag and write only the value."),
    },
    "yaml_complex_key": {
        "nl": ("een veldnaam moet gewone tekst zijn.", "Schrijf het als 'veld: waarde'."),
        "en": ("a field name must be plain text.", "Write it as 'field: value'."),
    },
    "yaml_comment_cut": {
        "nl": (
            "alles na ' #' in '{key}' wordt als commentaar gelezen; over blijft alleen '{kept}'.",
            "Hoort het #-teken bij de waarde? Zet dan de hele waarde tussen aanhalingstekens. Commentaar hoort op een eigen regel.",
        ),
        "en": (
            "everything after ' #' in '{key}' is read as a comment; only '{kept}' is left.",
            "If the # belongs to the value, put the whole value in quotes. Comments go on a line of their own.",
        ),
    },
    # --- fields ------------------------------------------------------------
    "not_a_mapping": {
        "nl": ("hier worden velden verwacht ('veld: waarde').", "Verplichte velden: {example}."),
        "en": ("fields are expected here ('field: value').", "Required fields: {example}."),
    },
    "unknown_field_guess": {
        "nl": ("onbekend veld '{key}'. Bedoel je '{guess}'?", "Verander '{key}' in '{guess}'."),
        "en": ("unknown field '{key}'. Did you mean '{guess}'?", "Change '{key}' to '{guess}'."),
    },
    "unknown_field": {
        "nl": ("onbekend veld '{key}'.", "Bekende velden: {known}."),
        "en": ("unknown field '{key}'.", "Known fields: {known}."),
    },
    "missing_field": {
        "nl": ("het verplichte veld '{key}' ontbreekt.", "Voeg een regel '{key}: ...' toe."),
        "en": ("the required field '{key}' is missing.", "Add a line '{key}: ...'."),
    },
    "empty_field": {
        "nl": ("het veld '{key}' is leeg.", "Vul een waarde in na '{key}:'."),
        "en": ("the field '{key}' is empty.", "Fill in a value after '{key}:'."),
    },
    "text_read_as_bool": {
        "nl": (
            "'{key}: {raw}' wordt gelezen als ja/nee in plaats van als tekst.",
            'Zet de waarde tussen aanhalingstekens: {key}: "{raw}".',
        ),
        "en": (
            "'{key}: {raw}' is read as yes/no instead of text.",
            'Put the value in quotes: {key}: "{raw}".',
        ),
    },
    "text_read_as_number": {
        "nl": (
            "'{key}: {raw}' wordt gelezen als getal in plaats van als tekst.",
            'Zet de waarde tussen aanhalingstekens: {key}: "{raw}".',
        ),
        "en": (
            "'{key}: {raw}' is read as a number instead of text.",
            'Put the value in quotes: {key}: "{raw}".',
        ),
    },
    "text_read_as_date": {
        "nl": (
            "'{key}: {raw}' wordt gelezen als datum in plaats van als tekst.",
            'Zet de waarde tussen aanhalingstekens: {key}: "{raw}".',
        ),
        "en": (
            "'{key}: {raw}' is read as a date instead of text.",
            'Put the value in quotes: {key}: "{raw}".',
        ),
    },
    "not_text": {
        "nl": (
            "'{key}' moet één tekst zijn, geen lijst of blok.",
            "Schrijf de tekst op dezelfde regel na '{key}:'.",
        ),
        "en": (
            "'{key}' must be a single text, not a list or block.",
            "Write the text on the same line after '{key}:'.",
        ),
    },
    "not_a_number": {
        "nl": (
            "'{key}' moet een heel getal zijn (nu: {got}).",
            "Schrijf alleen cijfers, bijvoorbeeld '{key}: 3'.",
        ),
        "en": ("'{key}' must be a whole number (got: {got}).", "Write digits only, for example '{key}: 3'."),
    },
    "not_a_bool": {
        "nl": ("'{key}' moet true of false zijn (nu: {got}).", "Schrijf '{key}: true' of '{key}: false'."),
        "en": ("'{key}' must be true or false (got: {got}).", "Write '{key}: true' or '{key}: false'."),
    },
    "not_a_date": {
        "nl": (
            "'{key}' moet een datum zijn als JJJJ-MM-DD (nu: {got}).",
            "Bijvoorbeeld '{key}: 2026-11-28'.",
        ),
        "en": ("'{key}' must be a date as YYYY-MM-DD (got: {got}).", "For example '{key}: 2026-11-28'."),
    },
    "not_a_list_of_text": {
        "nl": ("'{key}' moet een lijst met teksten zijn.", "Bijvoorbeeld '{key}: [zorg, onderwijs]'."),
        "en": ("'{key}' must be a list of texts.", "For example '{key}: [care, schools]'."),
    },
    "date_in_future": {
        "nl": (
            "de datum {got} in '{key}' ligt in de toekomst (vandaag is {today}).",
            "Vul de datum van ondertekening in, vandaag of eerder.",
        ),
        "en": (
            "the date {got} in '{key}' is in the future (today is {today}).",
            "Fill in the date of signing, today or earlier.",
        ),
    },
    "bad_choice_guess": {
        "nl": (
            "'{got}' is geen geldige waarde voor '{key}'. Bedoel je '{guess}'?",
            "Schrijf '{key}: {guess}'.",
        ),
        "en": (
            "'{got}' is not a valid value for '{key}'. Did you mean '{guess}'?",
            "Write '{key}: {guess}'.",
        ),
    },
    "bad_choice": {
        "nl": ("'{got}' is geen geldige waarde voor '{key}'.", "Kies één van: {choices}."),
        "en": ("'{got}' is not a valid value for '{key}'.", "Choose one of: {choices}."),
    },
    # --- files and content -------------------------------------------------
    "file_too_large": {
        "nl": (
            "het bestand is te groot ({size} bytes; de grens is {limit}).",
            "Splits de tekst, of zet grote bestanden zoals beelden in static/.",
        ),
        "en": (
            "the file is too large ({size} bytes; the limit is {limit}).",
            "Split the text, or put large files such as images in static/.",
        ),
    },
    "not_utf8": {
        "nl": (
            "het bestand is geen UTF-8-tekst (fout bij byte {offset}).",
            "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8).",
        ),
        "en": (
            "the file is not UTF-8 text (error at byte {offset}).",
            "Save the file as UTF-8 (in most editors: 'Save as' → encoding UTF-8).",
        ),
    },
    "no_front_matter": {
        "nl": (
            "het bestand begint niet met front matter (een blok tussen twee regels '---').",
            "Zet bovenaan: '---', dan 'title: Titel van de pagina', dan '---'.",
        ),
        "en": (
            "the file does not start with front matter (a block between two '---' lines).",
            "Start with: '---', then 'title: Page title', then '---'.",
        ),
    },
    "front_matter_unclosed": {
        "nl": (
            "de front matter wordt geopend met '---' maar niet gesloten.",
            "Zet na de laatste 'veld: waarde'-regel een regel met alleen '---'.",
        ),
        "en": (
            "the front matter opens with '---' but is never closed.",
            "Add a line with only '---' after the last 'field: value' line.",
        ),
    },
    "content_not_markdown": {
        "nl": (
            "content/ bevat alleen Markdown-bestanden (.md).",
            "Zet beelden en andere bestanden in static/, bijvoorbeeld static/img/.",
        ),
        "en": (
            "content/ holds Markdown files (.md) only.",
            "Put images and other files in static/, for example static/img/.",
        ),
    },
    "content_too_deep": {
        "nl": (
            "content/ heeft hooguit één niveau mappen (zoals content/verhalen/).",
            "Verplaats het bestand naar een map direct onder content/.",
        ),
        "en": (
            "content/ has at most one level of folders (such as content/verhalen/).",
            "Move the file into a folder directly below content/.",
        ),
    },
    "bad_slug": {
        "nl": (
            "'{slug}' kan geen webadres worden: gebruik kleine letters, cijfers en streepjes.",
            "Noem het bestand of de map '{better}'.",
        ),
        "en": (
            "'{slug}' cannot become a web address: use lowercase letters, digits and hyphens.",
            "Name the file or folder '{better}'.",
        ),
    },
    "missing_template": {
        "nl": (
            "de template '{layout}' bestaat niet in templates/.",
            "Kies een bestaande template (bijvoorbeeld page.html) of maak templates/{layout} aan.",
        ),
        "en": (
            "the template '{layout}' does not exist in templates/.",
            "Choose an existing template (for example page.html) or create templates/{layout}.",
        ),
    },
    "image_needs_alt": {
        "nl": (
            "bij '{key}' hoort een beschrijving in '{alt_key}' voor wie het beeld niet ziet.",
            "Voeg '{alt_key}: Korte beschrijving van het beeld' toe, of '{alt_key}: \"\"' als het beeld alleen versiering is.",
        ),
        "en": (
            "'{key}' needs a description in '{alt_key}' for people who cannot see it.",
            "Add '{alt_key}: Short description of the image', or '{alt_key}: \"\"' if it is decoration only.",
        ),
    },
    "markdown_image_alt": {
        "nl": (
            "dit beeld heeft geen beschrijving (alt-tekst).",
            'Schrijf tussen de [ ] wat er te zien is: ![Lubna in gesprek met een buurvrouw](/static/img/foto.jpg). Alleen versiering? Zet er {{: alt="" }} achter.',
        ),
        "en": (
            "this image has no description (alt text).",
            'Write what it shows between the [ ]: ![Lubna talking to a neighbour](/static/img/photo.jpg). Decoration only? Add {{: alt="" }} after it.',
        ),
    },
    "image_outside_static": {
        "nl": (
            "het beeld '{src}' staat niet in static/.",
            "Zet het beeld in static/img/ en verwijs ernaar als /static/img/naam.jpg (beelden van andere websites laden we niet, voor de privacy van bezoekers).",
        ),
        "en": (
            "the image '{src}' is not in static/.",
            "Put the image in static/img/ and refer to it as /static/img/name.jpg (we never load images from other sites, for visitors' privacy).",
        ),
    },
    "missing_image": {
        "nl": (
            "het beeld '{src}' bestaat niet.",
            "Controleer de bestandsnaam (hoofdletters tellen mee) of zet het beeld in static/.",
        ),
        "en": (
            "the image '{src}' does not exist.",
            "Check the file name (case matters) or add the image to static/.",
        ),
    },
    "symlink_outside": {
        "nl": (
            "deze snelkoppeling (symlink) wijst naar een plek buiten het project.",
            "Kopieer het bestand in het project in plaats van ernaar te verwijzen.",
        ),
        "en": (
            "this symbolic link points outside the project.",
            "Copy the file into the project instead of linking to it.",
        ),
    },
    "duplicate_tip": {
        "nl": ("tip nummer {number} bestaat al in {first}.", "Geef elke tip een eigen nummer."),
        "en": ("tip number {number} already exists in {first}.", "Give every tip its own number."),
    },
    # --- settings ----------------------------------------------------------
    "settings_missing": {
        "nl": (
            "het instellingenbestand ontbreekt.",
            "Maak site.yaml aan met title, description, base_url, contact_name, repository en languages.",
        ),
        "en": (
            "the settings file is missing.",
            "Create site.yaml with title, description, base_url, contact_name, repository and languages.",
        ),
    },
    "settings_list": {
        "nl": (
            "'{key}' moet een lijst zijn met ten minste één item.",
            "Schrijf elk item op een eigen regel die begint met '- '.",
        ),
        "en": (
            "'{key}' must be a list with at least one item.",
            "Write each item on its own line starting with '- '.",
        ),
    },
    "bad_direction": {
        "nl": (
            "schrijfrichting '{got}' bestaat niet.",
            "Gebruik 'ltr' (links naar rechts) of 'rtl' (rechts naar links).",
        ),
        "en": (
            "writing direction '{got}' does not exist.",
            "Use 'ltr' (left to right) or 'rtl' (right to left).",
        ),
    },
    "base_url_scheme": {
        "nl": (
            "base_url moet een volledig webadres zijn (nu: '{got}').",
            "Bijvoorbeeld 'https://example.github.io/sleutelpersonen/'.",
        ),
        "en": (
            "base_url must be a full web address (got: '{got}').",
            "For example 'https://example.github.io/sleutelpersonen/'.",
        ),
    },
    # --- signatories -------------------------------------------------------
    "signatories_missing": {
        "nl": ("signatories.yaml ontbreekt.", "Maak het bestand aan; een lege lijst schrijf je als '[]'."),
        "en": ("signatories.yaml is missing.", "Create the file; an empty list is written as '[]'."),
    },
    "signatories_not_a_list": {
        "nl": (
            "signatories.yaml moet een lijst van organisaties zijn.",
            "Elke organisatie begint met '- name: ...' aan het begin van de regel.",
        ),
        "en": (
            "signatories.yaml must be a list of organisations.",
            "Every organisation starts with '- name: ...' at the start of a line.",
        ),
    },
    "placeholder_left": {
        "nl": (
            "in '{key}' staat nog voorbeeldtekst ('{text}').",
            "Vervang de voorbeeldtekst door de gegevens van je organisatie.",
        ),
        "en": (
            "'{key}' still holds example text ('{text}').",
            "Replace the example text with your organisation's details.",
        ),
    },
    "email_in_public_field": {
        "nl": (
            "in '{key}' staat een e-mailadres; dit bestand is openbaar.",
            "Haal het e-mailadres weg. Contactgegevens horen niet in dit openbare bestand.",
        ),
        "en": (
            "'{key}' contains an e-mail address; this file is public.",
            "Remove the address. Contact details do not belong in this public file.",
        ),
    },
    "phone_in_public_field": {
        "nl": (
            "in '{key}' staat een telefoonnummer; dit bestand is openbaar.",
            "Haal het telefoonnummer weg. Contactgegevens horen niet in dit openbare bestand.",
        ),
        "en": (
            "'{key}' contains a phone number; this file is public.",
            "Remove the number. Contact details do not belong in this public file.",
        ),
    },
    "invisible_character": {
        "nl": (
            "in '{key}' staat een onzichtbaar of bijzonder teken: {char}.",
            "Typ de tekst opnieuw zonder kopiëren en plakken; een beheerder kijkt mee.",
        ),
        "en": (
            "'{key}' contains an invisible or special character: {char}.",
            "Type the text again instead of pasting it; a maintainer will take a look.",
        ),
    },
    "mixed_script": {
        "nl": (
            "in '{key}' mengt het woord '{word}' letters uit verschillende schriften: {char}.",
            "Typ het woord opnieuw met één toetsenbord; een beheerder controleert dit, omdat zo nepnamen worden gemaakt.",
        ),
        "en": (
            "in '{key}' the word '{word}' mixes letters from different scripts: {char}.",
            "Type the word again with one keyboard; a maintainer checks this, since look-alike names are made this way.",
        ),
    },
    "statement_too_long": {
        "nl": ("de verklaring is {length} tekens; het maximum is {limit}.", "Maak de verklaring korter."),
        "en": ("the statement is {length} characters; the maximum is {limit}.", "Shorten the statement."),
    },
    "url_no_scheme_www": {
        "nl": ("'url' moet beginnen met https:// of http:// (nu: \"{got}\").", 'Schrijf "{fixed}".'),
        "en": ("'url' must start with https:// or http:// (got: \"{got}\").", 'Write "{fixed}".'),
    },
    "url_no_scheme": {
        "nl": ("'url' moet beginnen met https:// of http:// (nu: \"{got}\").", 'Schrijf "{fixed}".'),
        "en": ("'url' must start with https:// or http:// (got: \"{got}\").", 'Write "{fixed}".'),
    },
    "url_protocol_relative": {
        "nl": ("'url' begint met // (nu: \"{got}\").", 'Schrijf "{fixed}".'),
        "en": ("'url' starts with // (got: \"{got}\").", 'Write "{fixed}".'),
    },
    "url_bad_scheme": {
        "nl": (
            "'url' is geen webadres: '{scheme}:'-adressen zijn niet toegestaan.",
            "Gebruik het adres van de website van je organisatie, beginnend met https://.",
        ),
        "en": (
            "'url' is not a web address: '{scheme}:' addresses are not allowed.",
            "Use your organisation's website address, starting with https://.",
        ),
    },
    "url_credentials": {
        "nl": (
            "'url' bevat een gebruikersnaam of wachtwoord (een @ voor de domeinnaam).",
            "Gebruik alleen het openbare adres, zoals https://www.voorbeeld.nl/.",
        ),
        "en": (
            "'url' contains a user name or password (an @ before the domain).",
            "Use the public address only, such as https://www.example.org/.",
        ),
    },
    "url_has_space": {
        "nl": (
            "'url' bevat spaties of onzichtbare tekens (\"{got}\").",
            "Kopieer het adres opnieuw uit de adresbalk van je browser.",
        ),
        "en": (
            "'url' contains spaces or invisible characters (\"{got}\").",
            "Copy the address again from your browser's address bar.",
        ),
    },
    "url_invalid": {
        "nl": (
            "'url' is geen geldig webadres (\"{got}\").",
            "Kopieer het adres uit de adresbalk van je browser, bijvoorbeeld https://www.voorbeeld.nl/.",
        ),
        "en": (
            "'url' is not a valid web address (\"{got}\").",
            "Copy the address from your browser's address bar, for example https://www.example.org/.",
        ),
    },
    "sort_order": {
        "nl": (
            "'{name}' staat niet op alfabetische volgorde.",
            "Verplaats '{name}' naar vóór '{before}' (regel {before_line}). Woorden als Stichting, Vereniging, Gemeente, De en Het aan het begin tellen niet mee.",
        ),
        "en": (
            "'{name}' is out of alphabetical order.",
            "Move '{name}' to before '{before}' (line {before_line}). Leading words such as Stichting, Vereniging, Gemeente, De and Het do not count.",
        ),
    },
    "duplicate_name": {
        "nl": (
            "'{name}' staat al in de lijst als '{first}' (regel {first_line}).",
            "Elke organisatie tekent één keer. Haal een van beide weg.",
        ),
        "en": (
            "'{name}' is already listed as '{first}' (line {first_line}).",
            "Each organisation signs once. Remove one of them.",
        ),
    },
    "duplicate_domain": {
        "nl": (
            "de website {domain} hoort al bij '{first}' (regel {first_line}).",
            "Tekent dezelfde organisatie twee keer? Haal er een weg. Anders: gebruik het eigen webadres van deze organisatie.",
        ),
        "en": (
            "the website {domain} already belongs to '{first}' (line {first_line}).",
            "Is this the same organisation twice? Remove one. Otherwise use this organisation's own address.",
        ),
    },
    "logo_place": {
        "nl": (
            "het logo '{got}' moet in {folder} staan.",
            "Zet het bestand in {folder} en schrijf 'logo: {folder}naam.png'.",
        ),
        "en": (
            "the logo '{got}' must be in {folder}.",
            "Put the file in {folder} and write 'logo: {folder}name.png'.",
        ),
    },
    "logo_missing": {
        "nl": (
            "het logo '{got}' bestaat niet.",
            "Voeg het bestand toe aan je pull request, of haal de regel 'logo:' weg.",
        ),
        "en": (
            "the logo '{got}' does not exist.",
            "Add the file to your pull request, or remove the 'logo:' line.",
        ),
    },
    "logo_type": {
        "nl": ("het logo '{got}' is geen PNG, SVG of WebP.", "Sla het logo op als .png, .svg of .webp."),
        "en": ("the logo '{got}' is not PNG, SVG or WebP.", "Save the logo as .png, .svg or .webp."),
    },
    "logo_too_big": {
        "nl": (
            "het logo '{got}' is {size} KB; het maximum is {limit} KB.",
            "Verklein het logo; bezoekers met weinig data zullen je dankbaar zijn.",
        ),
        "en": (
            "the logo '{got}' is {size} KB; the maximum is {limit} KB.",
            "Make the file smaller; visitors with little data will thank you.",
        ),
    },
    "logo_too_large": {
        "nl": (
            "het logo '{got}' is {width}×{height} pixels; het maximum is {limit}×{limit}.",
            "Verklein het logo tot hooguit {limit} pixels breed en hoog.",
        ),
        "en": (
            "the logo '{got}' is {width}×{height} pixels; the maximum is {limit}×{limit}.",
            "Resize it to at most {limit} pixels wide and high.",
        ),
    },
    "logo_unreadable": {
        "nl": ("het logo '{got}' is geen geldig {kind}-bestand.", "Exporteer het logo opnieuw als {kind}."),
        "en": ("the logo '{got}' is not a valid {kind} file.", "Export the logo again as {kind}."),
    },
    # --- render ------------------------------------------------------------
    "template_syntax": {
        "nl": (
            "fout in de template: {detail}.",
            "Controleer of elke {{% ... %}} en {{{{ ... }}}} goed is afgesloten.",
        ),
        "en": (
            "error in the template: {detail}.",
            "Check that every {{% ... %}} and {{{{ ... }}}} is closed properly.",
        ),
    },
    "template_undefined": {
        "nl": (
            "de template gebruikt iets dat niet bestaat: {detail} (bij het maken van {page}).",
            "Controleer de spelling van de naam in de template.",
        ),
        "en": (
            "the template uses something that does not exist: {detail} (while rendering {page}).",
            "Check the spelling of the name in the template.",
        ),
    },
    "template_error": {
        "nl": ("fout bij het maken van {page}: {detail}.", "Controleer de template op deze regel."),
        "en": ("error while rendering {page}: {detail}.", "Check the template on this line."),
    },
    "broken_link": {
        "nl": (
            "de link '{href}' wijst naar een pagina die niet bestaat.",
            "Controleer het adres; pagina's op deze site eindigen op een /, zoals /tips/.",
        ),
        "en": (
            "the link '{href}' points to a page that does not exist.",
            "Check the address; pages on this site end with a /, such as /tips/.",
        ),
    },
    "broken_anchor": {
        "nl": (
            "de link '{href}' wijst naar een plek (#{anchor}) die niet op die pagina staat.",
            "Controleer wat er na # staat; tips heten bijvoorbeeld #tip-3.",
        ),
        "en": (
            "the link '{href}' points to a place (#{anchor}) that is not on that page.",
            "Check what follows #; tips are called #tip-3, for example.",
        ),
    },
    "duplicate_url": {
        "nl": (
            "twee bestanden worden dezelfde pagina {url} (ook {other}).",
            "Hernoem een van beide bestanden.",
        ),
        "en": ("two files become the same page {url} (also {other}).", "Rename one of the files."),
    },
}
MESSAGES.update(
    {
        "out_symlink": {
            "nl": (
                "de uitvoermap {out} is een snelkoppeling (symlink).",
                "Kies een gewone map, bijvoorbeeld _site.",
            ),
            "en": (
                "the output folder {out} is a symbolic link.",
                "Choose a plain folder, for example _site.",
            ),
        },
        "out_protected": {
            "nl": (
                "de uitvoermap {out} zou het project, je thuismap of / vervangen.",
                "Kies een eigen map voor de site, bijvoorbeeld --out _site.",
            ),
            "en": (
                "the output folder {out} would replace the project, your home folder or /.",
                "Choose a folder of its own, for example --out _site.",
            ),
        },
        "out_inside_sources": {
            "nl": (
                "de uitvoermap {out} ligt in content/, templates/, static/ of .git/.",
                "Kies een map buiten de bronbestanden, bijvoorbeeld --out _site.",
            ),
            "en": (
                "the output folder {out} is inside content/, templates/, static/ or .git/.",
                "Choose a folder outside the sources, for example --out _site.",
            ),
        },
        "out_not_folder": {
            "nl": ("de uitvoermap {out} is een bestand, geen map.", "Kies een andere naam met --out."),
            "en": ("the output folder {out} is a file, not a folder.", "Choose another name with --out."),
        },
        "out_not_ours": {
            "nl": (
                "de map {out} is niet leeg en niet door build.py gemaakt (het bestand {marker} ontbreekt).",
                "Kies een lege of nieuwe map; build.py overschrijft geen map die het niet zelf heeft gemaakt.",
            ),
            "en": (
                "the folder {out} is not empty and was not made by build.py (the file {marker} is missing).",
                "Choose an empty or new folder; build.py never replaces a folder it did not make.",
            ),
        },
    }
)
MESSAGES.update(
    {
        "unsafe_tag": {
            "nl": (
                "HTML-element <{tag}> is niet toegestaan in de tekst.",
                "Haal het weg. Een film zet je op een pagina met de filmcode uit de handleiding voor redacteuren; scripts en formulieren kunnen niet.",
            ),
            "en": (
                "the HTML element <{tag}> is not allowed in content.",
                "Remove it. Put the film on a page with the film code from the editors' guide; scripts and forms are not possible.",
            ),
        },
        "unsafe_handler": {
            "nl": (
                "het HTML-attribuut '{attribute}' voert code uit en is niet toegestaan.",
                "Haal het attribuut weg.",
            ),
            "en": ("the HTML attribute '{attribute}' runs code and is not allowed.", "Remove the attribute."),
        },
        "unsafe_url": {
            "nl": (
                "een link of beeld met een '{scheme}:'-adres is niet toegestaan.",
                "Gebruik een gewoon webadres (https://...) of een pagina van de site (/tips/).",
            ),
            "en": (
                "a link or image with a '{scheme}:' address is not allowed.",
                "Use a normal web address (https://...) or a page of the site (/tips/).",
            ),
        },
    }
)
MESSAGES.update(
    {
        "bad_film_embed": {
            "nl": (
                "deze filmcode klopt niet.",
                "Zet op een eigen regel [[film]] voor het filmmanifest, of [[film ID]] met de 11 tekens na 'watch?v=' in het YouTube-adres.",
            ),
            "en": (
                "this film code is not right.",
                "Put [[film]] on a line of its own for the film manifesto, or [[film ID]] with the 11 characters after 'watch?v=' in the YouTube address.",
            ),
        },
    }
)
MESSAGES.update(
    {
        "new_exists": {
            "nl": (
                "dit bestand bestaat al; er is niets overschreven.",
                "Kies een andere titel, of open het bestaande bestand.",
            ),
            "en": (
                "this file already exists; nothing was overwritten.",
                "Choose another title, or open the existing file.",
            ),
        },
    }
)
MESSAGES.update(
    {
        "i18n_missing_file": {
            "nl": (
                "de vertaling voor taal '{language}' ontbreekt.",
                "Maak dit bestand met dezelfde sleutels als i18n/nl.yaml (kopieer het en vertaal de teksten).",
            ),
            "en": (
                "the translation for language '{language}' is missing.",
                "Create this file with the same keys as i18n/nl.yaml (copy it and translate the texts).",
            ),
        },
        "i18n_not_a_mapping": {
            "nl": ("een vertaalbestand bestaat uit regels 'sleutel: tekst'.", "Vergelijk met i18n/nl.yaml."),
            "en": ("a translation file consists of 'key: text' lines.", "Compare with i18n/nl.yaml."),
        },
        "i18n_missing_key": {
            "nl": (
                "de tekst '{key}' ontbreekt (die staat wel in {reference}).",
                "Voeg '{key}: ...' toe met de vertaling.",
            ),
            "en": (
                "the text '{key}' is missing (it is in {reference}).",
                "Add '{key}: ...' with the translation.",
            ),
        },
        "i18n_unknown_key": {
            "nl": (
                "'{key}' staat niet in {reference}.",
                "Haal de regel weg, of voeg de tekst eerst aan {reference} toe.",
            ),
            "en": (
                "'{key}' is not in {reference}.",
                "Remove the line, or add the text to {reference} first.",
            ),
        },
        "i18n_not_text": {
            "nl": (
                "'{key}' moet één tekst zijn.",
                "Schrijf de tekst op dezelfde regel, tussen aanhalingstekens als er een : in staat.",
            ),
            "en": (
                "'{key}' must be a single text.",
                "Write the text on the same line, in quotes if it contains a colon.",
            ),
        },
        "i18n_shape": {
            "nl": ("'{key}' heeft niet de goede vorm.", "Verwacht: {shape}."),
            "en": ("'{key}' does not have the right shape.", "Expected: {shape}."),
        },
        "i18n_placeholders": {
            "nl": (
                "de tekst '{key}' moet dezelfde invulplekken hebben als de Nederlandse: {names}.",
                "Neem elke {{...}} ongewijzigd over in de vertaling.",
            ),
            "en": (
                "the text '{key}' must have the same placeholders as the Dutch one: {names}.",
                "Copy every {{...}} unchanged into the translation.",
            ),
        },
    }
)
MESSAGES.update(
    {
        "strict_description": {
            "nl": (
                "deze pagina heeft geen 'description' (verplicht in strikte modus).",
                "Voeg 'description: ...' toe: één of twee zinnen voor zoekmachines en gedeelde links.",
            ),
            "en": (
                "this page has no 'description' (required in strict mode).",
                "Add 'description: ...': one or two sentences for search engines and shared links.",
            ),
        },
    }
)
# --- logos: SVG read by an XML parser, and only logos an entry uses in static/logos/ ---
MESSAGES.update(
    {
        "logo_svg_encoding": {
            "nl": (
                "het SVG-logo '{got}' is niet in UTF-8 geschreven (bij byte {offset}).",
                "Sla het logo op als SVG in UTF-8, of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' is not written in UTF-8 (at byte {offset}).",
                "Save the logo as SVG in UTF-8, or as PNG.",
            ),
        },
        "logo_svg_declared_encoding": {
            "nl": (
                "het SVG-logo '{got}' zegt op regel {svg_line} dat het in {encoding} is geschreven; "
                "alleen UTF-8 kan.",
                'Sla het logo op als SVG in UTF-8 (encoding="UTF-8"), of als PNG.',
            ),
            "en": (
                "the SVG logo '{got}' says on line {svg_line} that it is written in {encoding}; "
                "only UTF-8 will do.",
                'Save the logo as SVG in UTF-8 (encoding="UTF-8"), or as PNG.',
            ),
        },
        "logo_svg_malformed": {
            "nl": (
                "het SVG-logo '{got}' is geen geldige XML: regel {svg_line}: {reason}.",
                "Exporteer het logo opnieuw als SVG, of als PNG. Met de hand bewerkt? "
                "Kijk of elke <...> goed gesloten is.",
            ),
            "en": (
                "the SVG logo '{got}' is not valid XML: line {svg_line}: {reason}.",
                "Export the logo again as SVG, or as PNG. Edited by hand? Check that every <...> is closed.",
            ),
        },
        "logo_svg_doctype": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} een <!DOCTYPE> of <!ENTITY>; "
                "dat mag niet in een logo.",
                "Haal de <!DOCTYPE ...> weg (een SVG heeft die niet nodig), "
                "of exporteer het logo als eenvoudige SVG of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has a <!DOCTYPE> or <!ENTITY> on line {svg_line}; "
                "a logo may not have one.",
                "Remove the <!DOCTYPE ...> (an SVG does not need it), or export the logo as plain SVG or PNG.",
            ),
        },
        "logo_svg_instruction": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} de instructie <?{target} ...?>; "
                "dat mag niet in een logo.",
                "Haal <?{target} ...?> weg (alleen <?xml ...?> bovenaan mag), "
                "of exporteer het logo als eenvoudige SVG of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has the instruction <?{target} ...?> on line {svg_line}; "
                "a logo may not have one.",
                "Remove <?{target} ...?> (only <?xml ...?> at the top is allowed), "
                "or export the logo as plain SVG or PNG.",
            ),
        },
        "logo_svg_root": {
            "nl": (
                "het SVG-logo '{got}' begint op regel {svg_line} met <{element}> in plaats van "
                '<svg xmlns="http://www.w3.org/2000/svg">.',
                'Exporteer het logo opnieuw als SVG, of zet xmlns="http://www.w3.org/2000/svg" in de <svg>.',
            ),
            "en": (
                "the SVG logo '{got}' starts with <{element}> on line {svg_line} instead of "
                '<svg xmlns="http://www.w3.org/2000/svg">.',
                'Export the logo again as SVG, or add xmlns="http://www.w3.org/2000/svg" to the <svg>.',
            ),
        },
        "logo_svg_namespace": {
            "nl": (
                "het SVG-logo '{got}' bevat op regel {svg_line} <{element}> uit de naamruimte "
                "'{namespace}'; in een logo mogen alleen SVG-tekenelementen staan.",
                "Exporteer het logo als eenvoudige SVG (in Inkscape: Opslaan als > Gewone SVG) of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has <{element}> from the namespace '{namespace}' on line "
                "{svg_line}; a logo may only hold SVG drawing elements.",
                "Export the logo as plain SVG (in Inkscape: Save as > Plain SVG) or as PNG.",
            ),
        },
        "logo_svg_element": {
            "nl": (
                "het SVG-logo '{got}' bevat op regel {svg_line} <{element}>; dat mag niet in een logo.",
                "Een logo mag alleen tekenen: geen scripts, links, animaties, ingesloten beelden of "
                "pagina's (foreignObject). Exporteer het als eenvoudige SVG of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has <{element}> on line {svg_line}; a logo may not have it.",
                "A logo may only draw: no scripts, links, animations, embedded images or pages "
                "(foreignObject). Export it as plain SVG or as PNG.",
            ),
        },
        "logo_svg_event": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} de gebeurtenis {attribute} bij "
                "<{element}>: daarmee draait er een script.",
                'Haal {attribute}="..." weg, of exporteer het logo als eenvoudige SVG of als PNG.',
            ),
            "en": (
                "the SVG logo '{got}' has the event handler {attribute} on <{element}> on line "
                "{svg_line}: it runs a script.",
                'Remove {attribute}="...", or export the logo as plain SVG or as PNG.',
            ),
        },
        "logo_svg_attribute": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} het attribuut {attribute} bij "
                "<{element}>; dat mag niet in een logo.",
                'Haal {attribute}="..." weg, of exporteer het logo als eenvoudige SVG '
                "(in Inkscape: Opslaan als > Gewone SVG) of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has the attribute {attribute} on <{element}> on line "
                "{svg_line}; a logo may not have it.",
                'Remove {attribute}="...", or export the logo as plain SVG '
                "(in Inkscape: Save as > Plain SVG) or as PNG.",
            ),
        },
        "logo_svg_reference": {
            "nl": (
                "het SVG-logo '{got}' verwijst op regel {svg_line} naar '{value}' ({attribute} bij "
                "<{element}>); een logo mag alleen naar zijn eigen delen verwijzen.",
                'Verwijs alleen met "#naam" of url(#naam) naar iets in het logo zelf, of sla het logo '
                "op als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' refers to '{value}' on line {svg_line} ({attribute} on "
                "<{element}>); a logo may only refer to its own parts.",
                'Refer only with "#name" or url(#name) to something in the logo itself, or save the '
                "logo as PNG.",
            ),
        },
        "logo_svg_value": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} bij <{element}> {attribute}=\"{value}\"; "
                "die waarde mag niet in een logo.",
                "Een waarde mag alleen kleuren, maten, rgb(), transformaties en url(#naam) bevatten, "
                "geen \\. Exporteer het logo als eenvoudige SVG of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has {attribute}=\"{value}\" on <{element}> on line {svg_line}; "
                "a logo may not have that value.",
                "A value may only hold colours, sizes, rgb(), transforms and url(#name), no \\. "
                "Export the logo as plain SVG or as PNG.",
            ),
        },
        "logo_svg_css": {
            "nl": (
                "het SVG-logo '{got}' heeft op regel {svg_line} in {attribute}=\"...\" bij <{element}> "
                "opmaak die niet mag: '{value}'.",
                "In style mogen alleen eigenschappen als fill: #123456 staan: geen @, \\, "
                "--variabelen of functies behalve rgb(), transformaties en url(#naam). "
                "Exporteer het logo als eenvoudige SVG of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has styling that is not allowed in {attribute}=\"...\" on "
                "<{element}> on line {svg_line}: '{value}'.",
                "style may only hold properties such as fill: #123456: no @, \\, --variables or "
                "functions other than rgb(), transforms and url(#name). "
                "Export the logo as plain SVG or as PNG.",
            ),
        },
        "logo_svg_stylesheet": {
            "nl": (
                "het SVG-logo '{got}' heeft in <style> op regel {svg_line} opmaak die niet mag: '{value}'.",
                "In <style> mogen alleen regels als .a {{ fill: #123456 }} staan: geen @import, "
                "@font-face, \\ of adressen, alleen url(#naam). Exporteer het logo als eenvoudige SVG "
                "of als PNG.",
            ),
            "en": (
                "the SVG logo '{got}' has styling that is not allowed in <style> on line {svg_line}: "
                "'{value}'.",
                "<style> may only hold rules such as .a {{ fill: #123456 }}: no @import, @font-face, "
                "\\ or addresses, only url(#name). Export the logo as plain SVG or as PNG.",
            ),
        },
        "logo_file_unused": {
            "nl": (
                "dit bestand staat in static/logos/, maar geen ondertekenaar in signatories.yaml gebruikt het.",
                "Haal het bestand weg, of voeg de ondertekenaar toe die het gebruikt, met 'logo: {got}'.",
            ),
            "en": (
                "this file is in static/logos/, but no signatory in signatories.yaml uses it.",
                "Remove the file, or add the signatory that uses it, with 'logo: {got}'.",
            ),
        },
        "logo_file_type": {
            "nl": (
                "in static/logos/ mogen alleen logo's staan (.png, .svg of .webp); dit bestand is dat niet.",
                "Haal het bestand weg; een logo sla je op als .png, .svg of .webp.",
            ),
            "en": (
                "static/logos/ may only hold logos (.png, .svg or .webp); this file is not one.",
                "Remove the file; save a logo as .png, .svg or .webp.",
            ),
        },
    }
)
# --- Kinds of content (kinds.yaml) and `new` for any kind ------------------------
MESSAGES.update(
    {
        "kinds_not_a_mapping": {
            "nl": (
                "kinds.yaml moet per soort een blok hebben: de naam, een dubbele punt, en daaronder de velden.",
                "Begin met bijvoorbeeld 'event:' op een eigen regel, en zet 'folder:', 'url:' en de rest "
                "twee spaties ingesprongen eronder.",
            ),
            "en": (
                "kinds.yaml must hold one block per kind: its name, a colon, and its keys below it.",
                "Start with e.g. 'event:' on a line of its own, with 'folder:', 'url:' and the rest "
                "indented two spaces below it.",
            ),
        },
        "kind_bad_name": {
            "nl": (
                "'{word}' kan geen {key} van een soort zijn.",
                "Gebruik kleine letters, cijfers en _, en begin met een letter, bijvoorbeeld 'event'.",
            ),
            "en": (
                "'{word}' cannot be the {key} of a kind.",
                "Use lower-case letters, digits and _, starting with a letter, e.g. 'event'.",
            ),
        },
        "kind_name_taken": {
            "nl": (
                "de naam '{word}' is al in gebruik (door een andere soort of in de templates).",
                "Kies een andere naam, bijvoorbeeld met de naam van het project ervoor.",
            ),
            "en": (
                "the name '{word}' is already used (by another kind or in the templates).",
                "Choose another name, e.g. with the project's name in front.",
            ),
        },
        "kind_bad_folder": {
            "nl": (
                "'{folder}' kan geen map in content/ zijn.",
                "Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld 'agenda'.",
            ),
            "en": (
                "'{folder}' cannot be a folder in content/.",
                "Use only lower-case letters, digits and hyphens, e.g. 'agenda'.",
            ),
        },
        "kind_folder_taken": {
            "nl": (
                "de map content/{folder}/ is al van de soort '{other}'.",
                "Geef deze soort een eigen map.",
            ),
            "en": (
                "the folder content/{folder}/ already belongs to the kind '{other}'.",
                "Give this kind a folder of its own.",
            ),
        },
        "kind_folder_language": {
            "nl": (
                "de map content/{folder}/ is de map van de taal '{folder}'.",
                "Geef deze soort een andere map.",
            ),
            "en": (
                "the folder content/{folder}/ is the folder of the language '{folder}'.",
                "Give this kind another folder.",
            ),
        },
        "kind_bad_url": {
            "nl": (
                "het adres '{url}' moet met / beginnen en eindigen en {{slug}} bevatten.",
                "Schrijf bijvoorbeeld: url: /{{folder}}/{{slug}}/",
            ),
            "en": (
                "the address '{url}' must start and end with / and contain {{slug}}.",
                "Write for example: url: /{{folder}}/{{slug}}/",
            ),
        },
        "kind_bad_placeholder": {
            "nl": (
                "in '{key}' staat {{{name}}}, maar dat is hier niet bekend.",
                "Gebruik alleen: {known} (elk tussen {{ en }}).",
            ),
            "en": (
                "'{key}' uses {{{name}}}, which is not known here.",
                "Use only: {known} (each between {{ and }}).",
            ),
        },
        "kind_no_fields": {
            "nl": (
                "deze soort heeft geen velden ('fields').",
                "Zet onder 'fields:' elk veld met ten minste 'type:' en 'help:' (met 'nl:' en 'en:').",
            ),
            "en": (
                "this kind has no fields ('fields').",
                "List each field under 'fields:' with at least 'type:' and 'help:' (with 'nl:' and 'en:').",
            ),
        },
        "kind_bad_field_name": {
            "nl": (
                "'{name}' kan geen veldnaam zijn.",
                "Gebruik kleine letters, cijfers en _, en geen naam die elk bestand al heeft "
                "(zoals url, slug, body of lang).",
            ),
            "en": (
                "'{name}' cannot be a field name.",
                "Use lower-case letters, digits and _, and no name every file already has "
                "(such as url, slug, body or lang).",
            ),
        },
        "kind_field_type": {
            "nl": ("het type '{got}' bestaat niet.", "Kies een van: {known}."),
            "en": ("there is no type '{got}'.", "Choose one of: {known}."),
        },
        "kind_role_unknown": {
            "nl": (
                "'{role}: {name}' noemt een veld dat deze soort niet heeft.",
                "Kies een veld uit 'fields': {known}.",
            ),
            "en": (
                "'{role}: {name}' names a field this kind does not have.",
                "Choose a field from 'fields': {known}.",
            ),
        },
        "kind_role_type": {
            "nl": (
                "'{role}: {name}' moet een veld van het type {type} zijn.",
                "Kies een ander veld, of geef '{name}' het type {type}.",
            ),
            "en": (
                "'{role}: {name}' must be a field of type {type}.",
                "Choose another field, or give '{name}' the type {type}.",
            ),
        },
        "kind_feed_needs_date": {
            "nl": (
                "een soort met een feed ('feed: true') heeft een datum nodig.",
                "Voeg 'date: ...' toe met de naam van een veld van het type date.",
            ),
            "en": (
                "a kind with a feed ('feed: true') needs a date.",
                "Add 'date: ...' with the name of a field of type date.",
            ),
        },
        "kind_words_missing": {
            "nl": (
                "de soort '{kind}' heeft een feed, maar de tekst '{key}' ontbreekt.",
                "Voeg '{key}: ...' toe aan elk bestand in i18n/: de titel van de feed (feed_<meervoud>) "
                "of van elk bericht erin (feed_<naam>, met {{veld}} voor een veld).",
            ),
            "en": (
                "the kind '{kind}' has a feed, but the text '{key}' is missing.",
                "Add '{key}: ...' to every file in i18n/: the feed's title (feed_<plural>) or each "
                "entry's title (feed_<name>, with {{field}} for a field).",
            ),
        },
        "kind_words_placeholder": {
            "nl": (
                "de tekst '{key}' noemt {{{name}}}, maar de soort '{kind}' heeft geen veld '{name}'.",
                "Gebruik een van de velden: {known}.",
            ),
            "en": (
                "the text '{key}' uses {{{name}}}, but the kind '{kind}' has no field '{name}'.",
                "Use one of its fields: {known}.",
            ),
        },
        "kind_url_taken": {
            "nl": (
                "deze pagina krijgt het adres {url}, dat al het adres is van {first}.",
                "Geef een van beide een andere bestandsnaam, of een andere 'url' in kinds.yaml.",
            ),
            "en": (
                "this page gets the address {url}, which is already the address of {first}.",
                "Give one of them another file name, or another 'url' in kinds.yaml.",
            ),
        },
        "new_unknown_kind": {
            "nl": ("er is geen soort '{kind}'.", "Kies een van: {known}."),
            "en": ("there is no kind '{kind}'.", "Choose one of: {known}."),
        },
    }
)
# Faults: one build per output folder, the disk, the cache (issue 13).
MESSAGES.update(
    {
        "out_busy": {
            "nl": (
                "een andere build schrijft al in {out} (proces {pid}: {command}); "
                "deze build heeft {seconds} seconden gewacht en is gestopt zonder iets te veranderen.",
                "Wacht tot die andere build klaar is en bouw dan opnieuw, of stop hem (Ctrl+C in zijn "
                "venster, of: kill {pid}). Twee builds tegelijk? Geef elk een eigen map met --out.",
            ),
            "en": (
                "another build is already writing into {out} (process {pid}: {command}); "
                "this build waited {seconds} seconds and stopped without changing anything.",
                "Wait until the other build is done and build again, or stop it (Ctrl+C in its "
                "window, or: kill {pid}). Two builds at once? Give each its own folder with --out.",
            ),
        },
        "disk_full": {
            "nl": (
                "de schijf is vol: dit kon niet geschreven worden ({detail}).",
                "Maak ruimte vrij op de schijf, of kies een map op een andere schijf met --out.",
            ),
            "en": (
                "the disk is full: this could not be written ({detail}).",
                "Free some space on the disk, or choose a folder on another disk with --out.",
            ),
        },
        "disk_quota": {
            "nl": (
                "je schijfquotum is op: dit kon niet geschreven worden ({detail}).",
                "Ruim bestanden op die bij jou horen, of kies een andere map met --out.",
            ),
            "en": (
                "your disk quota is used up: this could not be written ({detail}).",
                "Remove some of your files, or choose another folder with --out.",
            ),
        },
        "disk_read_only": {
            "nl": (
                "dit staat op een schijf die alleen gelezen kan worden ({detail}).",
                "Kies een map op een schijf waarop je mag schrijven, met --out.",
            ),
            "en": (
                "this is on a disk that can only be read ({detail}).",
                "Choose a folder on a disk you can write to, with --out.",
            ),
        },
        "disk_no_permission": {
            "nl": (
                "build.py mag dit niet lezen of schrijven ({detail}).",
                "Geef jezelf rechten op die map (of vraag de beheerder van de computer), "
                "of kies een andere map met --out.",
            ),
            "en": (
                "build.py may not read or write this ({detail}).",
                "Give yourself the rights to that folder (or ask whoever runs the computer), "
                "or choose another folder with --out.",
            ),
        },
        "disk_missing": {
            "nl": (
                "dit was er niet (meer) toen build.py het nodig had ({detail}).",
                "Bouw opnieuw, en verplaats of verwijder geen mappen van het project of de uitvoer "
                "zolang een build loopt.",
            ),
            "en": (
                "this was not there (any more) when build.py needed it ({detail}).",
                "Build again, and do not move or delete folders of the project or the output "
                "while a build runs.",
            ),
        },
        "disk_broken": {
            "nl": (
                "de schijf gaf hier een fout ({detail}).",
                "Controleer de schijf (is hij losgekoppeld?), of kies een map op een andere schijf met --out.",
            ),
            "en": (
                "the disk reported an error here ({detail}).",
                "Check the disk (was it unplugged?), or choose a folder on another disk with --out.",
            ),
        },
        "cache_damaged": {
            "nl": (
                "waarschuwing: de bouwcache was beschadigd ({detail}) en is opzij gezet als {aside}; "
                "deze build begon zonder cache en duurde daardoor langer.",
                "Niets te doen: de volgende build gebruikt de nieuwe cache. {aside} mag weg.",
            ),
            "en": (
                "warning: the build cache was damaged ({detail}) and was set aside as {aside}; "
                "this build started without a cache and so took longer.",
                "Nothing to do: the next build uses the new cache. {aside} may be deleted.",
            ),
        },
        "cache_unusable": {
            "nl": (
                "waarschuwing: de bouwcache kon nu niet gebruikt worden ({detail}); "
                "deze build hield alles in het geheugen en duurde daardoor langer.",
                "Draait er nog een build van dit project? Anders: kijk of de schijf vol is of alleen "
                "gelezen kan worden. De map .cache mag altijd weg.",
            ),
            "en": (
                "warning: the build cache could not be used now ({detail}); "
                "this build kept everything in memory and so took longer.",
                "Is another build of this project running? Otherwise: check whether the disk is full "
                "or read-only. The folder .cache may always be deleted.",
            ),
        },
        "cache_entry_unreadable": {
            "nl": (
                "waarschuwing: de bouwcache bevatte iets wat build.py niet zelf geschreven heeft ({detail}); "
                "dat is genegeerd en opnieuw gemaakt.",
                "Niets te doen. Staat .cache/ in git of in een pull request? Haal het eruit: de cache "
                "hoort alleen op je eigen computer.",
            ),
            "en": (
                "warning: the build cache held something build.py did not write itself ({detail}); "
                "it was ignored and made again.",
                "Nothing to do. Is .cache/ in git or in a pull request? Remove it: the cache belongs "
                "on your own computer only.",
            ),
        },
    }
)

# Image files (issue 17): content images, story photos and logos made safe and light
# (sleutelsite/render/images.py). A refusal is reported at the line that uses the image.
MESSAGES.update(
    {
        "image_file_type": {
            "nl": (
                "'{got}' is geen soort beeld dat de site kan tonen.",
                "Sla het beeld op als .jpg (foto's) of .png (tekeningen, logo's), of als .webp.",
            ),
            "en": (
                "'{got}' is not a kind of image the site can show.",
                "Save the image as .jpg (photos) or .png (drawings, logos), or as .webp.",
            ),
        },
        "image_file_too_big": {
            "nl": (
                "'{got}' is {size} MB; een beeld mag hoogstens {limit} MB zijn.",
                "Sla het kleiner op: een foto van 2000 pixels breed als JPEG is genoeg voor de site.",
            ),
            "en": (
                "'{got}' is {size} MB; an image may be at most {limit} MB.",
                "Save it smaller: a photo 2000 pixels wide as JPEG is plenty for the site.",
            ),
        },
        "image_file_too_many_pixels": {
            "nl": (
                "'{got}' is {width} × {height} pixels ({megapixels} megapixel); "
                "een beeld mag hoogstens {limit} megapixel zijn.",
                "Maak het beeld kleiner, bijvoorbeeld 2000 pixels breed, en sla het opnieuw op.",
            ),
            "en": (
                "'{got}' is {width} × {height} pixels ({megapixels} megapixels); "
                "an image may be at most {limit} megapixels.",
                "Make the image smaller, for example 2000 pixels wide, and save it again.",
            ),
        },
        "image_file_bomb": {
            "nl": (
                "'{got}' zegt dat het een enorm beeld is, veel meer dan {limit} megapixel; "
                "zo'n bestand is beschadigd of met opzet gemaakt om computers vast te laten lopen.",
                "Gebruik een ander bestand: exporteer het beeld opnieuw vanuit het origineel, "
                "hoogstens {limit} megapixel.",
            ),
            "en": (
                "'{got}' says it is an enormous image, far more than {limit} megapixels; such a "
                "file is damaged or made on purpose to make computers hang.",
                "Use another file: export the image again from the original, at most {limit} megapixels.",
            ),
        },
        "image_file_not_image": {
            "nl": (
                "'{got}' heet .{suffix}, maar is geen beeld: de inhoud is geen JPEG, PNG of WebP.",
                "Open het bestand in een fotoprogramma en exporteer het opnieuw als JPEG of PNG.",
            ),
            "en": (
                "'{got}' is named .{suffix}, but is not an image: its content is not JPEG, PNG or WebP.",
                "Open the file in a photo program and export it again as JPEG or PNG.",
            ),
        },
        "image_file_wrong_name": {
            "nl": (
                "'{got}' heet .{suffix}, maar is een {kind}-beeld.",
                "Noem het bestand '{right}' en pas de naam aan waar het beeld gebruikt wordt.",
            ),
            "en": (
                "'{got}' is named .{suffix}, but is a {kind} image.",
                "Rename the file to '{right}' and change the name where the image is used.",
            ),
        },
        "image_file_unsupported": {
            "nl": (
                "'{got}' is een {kind}-bestand; de site toont alleen JPEG, PNG en WebP.",
                "Exporteer het beeld als JPEG (foto's) of PNG (tekeningen, logo's); "
                "een iPhone doet dat bij 'Instellingen > Camera > Formaten > Meest compatibel'.",
            ),
            "en": (
                "'{got}' is a {kind} file; the site shows only JPEG, PNG and WebP.",
                "Export the image as JPEG (photos) or PNG (drawings, logos); an iPhone does so with "
                "'Settings > Camera > Formats > Most Compatible'.",
            ),
        },
        "image_file_animated": {
            "nl": (
                "'{got}' is een bewegend beeld; de site toont alleen stilstaande beelden.",
                "Sla het beeld dat je wilt laten zien op als JPEG of PNG; laat beweging zien in een film.",
            ),
            "en": (
                "'{got}' is an animated image; the site shows only still images.",
                "Save the one picture you want to show as JPEG or PNG; show movement in a film.",
            ),
        },
        "image_file_broken": {
            "nl": (
                "'{got}' is beschadigd of niet helemaal opgeslagen: het beeld is niet te lezen.",
                "Exporteer het beeld opnieuw vanuit het origineel en vervang het bestand.",
            ),
            "en": (
                "'{got}' is damaged or was not saved completely: the image cannot be read.",
                "Export the image again from the original and replace the file.",
            ),
        },
    }
)
# Markdown: what the safety check of the produced HTML refuses (render_safety.py) and
# Markdown that would make the build slow (load_markdown_limits.py).
MESSAGES.update(
    {
        "html_tag_not_allowed": {
            "nl": (
                "HTML-element <{tag}> kan niet in de tekst.",
                "Gebruik Markdown, of gewone tekstelementen zoals <p>, <a>, <em>, <strong>, <ul>, <li>, <h2>, <blockquote>, <table>, <img>, <figure>, <abbr>, <sup>, <span> en <div>.",
            ),
            "en": (
                "the HTML element <{tag}> cannot be used in content.",
                "Use Markdown, or plain text elements such as <p>, <a>, <em>, <strong>, <ul>, <li>, <h2>, <blockquote>, <table>, <img>, <figure>, <abbr>, <sup>, <span> and <div>.",
            ),
        },
        "html_attribute_not_allowed": {
            "nl": (
                "het HTML-attribuut '{attribute}' kan niet op <{tag}>.",
                "Haal het weg. Op <{tag}> kunnen: {allowed}.",
            ),
            "en": (
                "the HTML attribute '{attribute}' cannot be used on <{tag}>.",
                "Remove it. On <{tag}> you can use: {allowed}.",
            ),
        },
        "unsafe_style": {
            "nl": (
                "opmaak met het attribuut 'style' is niet toegestaan in de tekst.",
                'Haal style="..." weg: de huisstijl van de site bepaalt de opmaak, en beelden of lettertypen van andere websites laden we niet.',
            ),
            "en": (
                "styling with the 'style' attribute is not allowed in content.",
                'Remove style="...": the site\'s own styles set the look, and images or fonts from other websites are not loaded.',
            ),
        },
        "html_not_closed": {
            "nl": (
                "het HTML-element <{tag}> wordt niet gesloten.",
                "Zet </{tag}> waar het element ophoudt; anders loopt het door over de rest van de pagina.",
            ),
            "en": (
                "the HTML element <{tag}> is not closed.",
                "Put </{tag}> where the element ends; otherwise it runs on over the rest of the page.",
            ),
        },
        "html_unfinished": {
            "nl": (
                "de HTML aan het eind van deze tekst is niet af: een < zonder >, een <!-- zonder --> of een aanhalingsteken dat niet sluit.",
                "Maak de tag of het commentaar af, of schrijf &lt; voor een los <-teken.",
            ),
            "en": (
                "the HTML at the end of this text is unfinished: a < without >, a <!-- without --> or a quote that is not closed.",
                "Finish the tag or comment, or write &lt; for a plain < sign.",
            ),
        },
        "markdown_too_big": {
            "nl": (
                "deze tekst is te groot voor één pagina: {pieces} regels en opmaaktekens (*, _, [, <, `, &, \\) samen, meer dan {limit}.",
                "Verdeel de tekst over meer pagina's.",
            ),
            "en": (
                "this text is too big for one page: {pieces} lines and markup characters (*, _, [, <, `, &, \\) together, more than {limit}.",
                "Split the text over more pages.",
            ),
        },
        "markdown_dense_paragraph": {
            "nl": (
                "deze alinea (of lijst of tabel) is te lang voor zoveel regels en opmaak: {size} tekens, en {pieces} regels en opmaaktekens (*, _, [, <, `, &, \\); dat maakt de site heel traag.",
                "Zet lege regels tussen de delen, zodat het kortere alinea's worden.",
            ),
            "en": (
                "this paragraph (or list or table) is too long for so many lines and so much markup: {size} characters, and {pieces} lines and markup characters (*, _, [, <, `, &, \\); that makes the site very slow.",
                "Put blank lines between its parts, so that it becomes shorter paragraphs.",
            ),
        },
        "markdown_open_bracket": {
            "nl": (
                "in deze alinea staan haken [ zonder ] (of een ( zonder ) na een link); dat maakt de site heel traag.",
                "Schrijf een link als [tekst](/adres/). Een [ die geen link begint, schrijf je als \\[.",
            ),
            "en": (
                "this paragraph has brackets [ without ] (or a ( without ) after a link); that makes the site very slow.",
                "Write a link as [text](/address/). Write a [ that does not start a link as \\[.",
            ),
        },
        "markdown_open_tag": {
            "nl": (
                "hier begint een HTML-tag (<...) die niet met > sluit; dat maakt de site heel traag.",
                "Sluit de tag met >, of schrijf &lt; voor een los <-teken.",
            ),
            "en": (
                "an HTML tag (<...) starts here that does not end with >; that makes the site very slow.",
                "Close the tag with >, or write &lt; for a plain < sign.",
            ),
        },
        "markdown_too_deep": {
            "nl": (
                "hier staan lijsten, citaten of HTML meer dan {limit} lagen diep in elkaar.",
                "Zet minder lagen in elkaar: een lijst in een lijst in een lijst is meestal al genoeg.",
            ),
            "en": (
                "lists, quotes or HTML are nested more than {limit} levels deep here.",
                "Nest fewer levels: a list in a list in a list is usually enough.",
            ),
        },
    }
)
# --- bounded input and signatory texts (issue 13) ------------------------------
MESSAGES.update(
    {
        "yaml_too_deep": {
            "nl": (
                "hier staan lijsten of blokken meer dan {limit} lagen diep in elkaar.",
                "Zo diep hoeft het nergens. Kijk of elke [ en {{ weer gesloten wordt met ] en }}, "
                "en of de regels niet verder inspringen dan de regel erboven.",
            ),
            "en": (
                "lists or blocks are nested more than {limit} levels deep here.",
                "Nothing needs that many levels. Check that every [ and {{ is closed with ] and }}, "
                "and that the lines are not indented further than the line above.",
            ),
        },
        "yaml_line_too_long": {
            "nl": (
                "deze regel is te lang ({length} tekens; de grens is {limit}).",
                "Maak de tekst korter: een naam, verklaring of beschrijving past ruim binnen de grens.",
            ),
            "en": (
                "this line is too long ({length} characters; the limit is {limit}).",
                "Shorten the text: a name, statement or description fits well within the limit.",
            ),
        },
        "not_utf8_at": {
            "nl": (
                "het bestand is geen UTF-8-tekst: het teken in kolom {column} is onleesbaar (byte {byte}).",
                "Typ dat teken opnieuw, of sla het bestand op als UTF-8 "
                "(in de meeste editors: 'Opslaan als' → codering UTF-8).",
            ),
            "en": (
                "the file is not UTF-8 text: the character in column {column} cannot be read (byte {byte}).",
                "Type that character again, or save the file as UTF-8 "
                "(in most editors: 'Save as' → encoding UTF-8).",
            ),
        },
        "text_too_long": {
            "nl": (
                "'{key}' is te lang ({length} tekens; hooguit {limit}).",
                "Kort '{key}' in tot hooguit {limit} tekens.",
            ),
            "en": (
                "'{key}' is too long ({length} characters; at most {limit}).",
                "Shorten '{key}' to at most {limit} characters.",
            ),
        },
        "markup_in_text": {
            "nl": (
                "in '{key}' staat een '{char}': tekens van HTML-code horen niet in dit openbare bestand.",
                "Schrijf gewone tekst zonder < en >, bijvoorbeeld: {key}: {fixed}",
            ),
            "en": (
                "'{key}' contains a '{char}': characters of HTML code do not belong in this public file.",
                "Write plain text without < and >, for example: {key}: {fixed}",
            ),
        },
        "url_mixed_script": {
            "nl": (
                "in het webadres mengt '{label}' letters uit verschillende schriften: {char}.",
                "Zo worden nepadressen gemaakt. Schrijf het echte adres met gewone letters: {fixed}",
            ),
            "en": (
                "in the web address, '{label}' mixes letters from different scripts: {char}.",
                "This is how fake addresses are made. Write the real address in plain letters: {fixed}",
            ),
        },
        "url_mixed_script_other": {
            "nl": (
                "in het webadres mengt '{label}' letters uit verschillende schriften: {char}.",
                "Zo worden nepadressen gemaakt. Kopieer het echte adres uit de adresbalk van je browser.",
            ),
            "en": (
                "in the web address, '{label}' mixes letters from different scripts: {char}.",
                "This is how fake addresses are made. Copy the real address from your browser's address bar.",
            ),
        },
        "url_lookalike": {
            "nl": (
                "in het webadres lijkt '{label}' op gewone letters, maar het zijn andere tekens: {char}.",
                "Zo worden nepadressen gemaakt. Schrijf het echte adres met gewone letters: {fixed}",
            ),
            "en": (
                "in the web address, '{label}' looks like plain letters but is made of other characters: {char}.",
                "This is how fake addresses are made. Write the real address in plain letters: {fixed}",
            ),
        },
        "checking_stopped": {
            "nl": (
                "na {count} problemen is de controle van dit bestand hier gestopt.",
                "Los eerst deze problemen op en draai de controle opnieuw; dan komt de rest aan de beurt.",
            ),
            "en": (
                "checking this file stopped here after {count} problems.",
                "Fix these problems first and run the check again; then the rest is checked.",
            ),
        },
    }
)


# --- Speed: the Markdown Converter's self-check (sleutelsite/render/markdown.py) ---
MESSAGES.update(
    {
        "markdown_fallback": {
            "nl": (
                "waarschuwing: deze versie van Python-Markdown ({release}) werkt anders dan de snelle "
                "Markdown-omzetter verwacht ({reason}); de build gebruikt gewoon Python-Markdown: dezelfde "
                "pagina's, maar langzamer.",
                "Meld het als issue met deze melding erbij; tot het is opgelost kun je gewoon bouwen.",
            ),
            "en": (
                "warning: this version of Python-Markdown ({release}) works differently from what the fast "
                "Markdown converter expects ({reason}); the build uses plain Python-Markdown: the same "
                "pages, only slower.",
                "Report it as an issue with this message; until it is fixed you can build as usual.",
            ),
        },
    }
)


# Signing with the issue form (sleutelsite/sign_issue.py): the text, read strictly.
MESSAGES.update(
    {
        "sign_form_too_long": {
            "nl": (
                "de tekst van het formulier is te lang ({length} tekens; hooguit {limit}).",
                "Vul het formulier opnieuw in met alleen de gevraagde gegevens.",
            ),
            "en": (
                "the form's text is too long ({length} characters; at most {limit}).",
                "Fill in the form again with only the details it asks for.",
            ),
        },
        "sign_form_heading_twice": {
            "nl": (
                "het kopje '### {label}' staat {count} keer in de tekst; het formulier maakt het één keer.",
                "Haal de regel '### {label}' weg uit wat je zelf schreef (bijvoorbeeld uit de verklaring).",
            ),
            "en": (
                "the heading '### {label}' appears {count} times in the text; the form makes it once.",
                "Remove the line '### {label}' from what you wrote yourself (for example from the statement).",
            ),
        },
        "sign_form_changed": {
            "nl": (
                "de tekst heeft niet de kopjes die het formulier maakt ({expected}).",
                "Maak een nieuwe issue met het formulier 'Onderteken het manifest' en vul elk veld in; "
                "begin geen regel met ###.",
            ),
            "en": (
                "the text does not have the headings the form makes ({expected}).",
                "Open a new issue with the form 'Onderteken het manifest' and fill in each field; "
                "start no line with ###.",
            ),
        },
        "sign_form_no_consent": {
            "nl": (
                "het vakje bij '{label}' is niet aangevinkt.",
                "Vink het vakje aan: '- [x]' in plaats van '- [ ]'.",
            ),
            "en": ("the box under '{label}' is not ticked.", "Tick the box: '- [x]' instead of '- [ ]'."),
        },
        "sign_form_empty": {
            "nl": ("'{label}' is niet ingevuld.", "Vul '{label}' in."),
            "en": ("'{label}' is not filled in.", "Fill in '{label}'."),
        },
        "sign_form_lines": {
            "nl": ("'{label}' beslaat meer dan één regel.", "Schrijf '{label}' op één regel."),
            "en": ("'{label}' takes more than one line.", "Write '{label}' on one line."),
        },
        "sign_form_second_entry": {
            "nl": (
                "in '{label}' staat iets dat op een veld van de lijst lijkt: {line}",
                "Eén formulier is één organisatie: schrijf alleen het gevraagde. Wil je nog een "
                "organisatie aanmelden, vul dan een nieuw formulier in.",
            ),
            "en": (
                "'{label}' contains something that looks like a field of the list: {line}",
                "One form is one organisation: write only what is asked. To sign for another "
                "organisation, fill in a new form.",
            ),
        },
        "sign_already_listed": {
            "nl": (
                "'{name}' staat al op de lijst van ondertekenaars.",
                "Dan hoef je niet opnieuw te tekenen. Is het een andere organisatie met dezelfde naam? "
                "Schrijf dan de volledige naam, bijvoorbeeld met de plaats erbij.",
            ),
            "en": (
                "'{name}' is already on the list of signatories.",
                "Then there is no need to sign again. Is it another organisation with the same name? "
                "Then write its full name, for example with the place added.",
            ),
        },
        "sign_form_yaml": {
            "nl": (
                "'{label}' begint met '{start}', een teken dat in het lijstbestand iets anders betekent dan tekst.",
                "Begin met de tekst zelf, zonder '{start}' ervoor.",
            ),
            "en": (
                "'{label}' starts with '{start}', a character that means something other than text in the list's file.",
                "Start with the text itself, without '{start}' in front.",
            ),
        },
    }
)

# --- signatories: municipality and province against the maps (load/places.py) --------
MESSAGES.update(
    {
        "municipality_unknown": {
            "nl": (
                "'{got}' is geen gemeente van Nederland (de lijst kent de 342 gemeenten van 2025).",
                "Schrijf de gemeente waar de organisatie zit, zoals ze officieel heet, bijvoorbeeld "
                "'municipality: Utrecht'. Zit de organisatie in een dorp of wijk? Schrijf dan de "
                "gemeente waar dat bij hoort.",
            ),
            "en": (
                "'{got}' is not a municipality of the Netherlands (the list knows the 342 municipalities of 2025).",
                "Write the municipality the organisation is in, as it is officially called, for "
                "example 'municipality: Utrecht'. Is the organisation in a village or a "
                "neighbourhood? Then write the municipality it belongs to.",
            ),
        },
        "municipality_unknown_guess": {
            "nl": (
                "'{got}' is geen gemeente van Nederland. Bedoel je '{guess}'?",
                "Schrijf 'municipality: {fixed}'.",
            ),
            "en": (
                "'{got}' is not a municipality of the Netherlands. Did you mean '{guess}'?",
                "Write 'municipality: {fixed}'.",
            ),
        },
        "municipality_ambiguous": {
            "nl": (
                "'{got}' is de naam van meer dan één gemeente: {names}.",
                "Schrijf de naam met wat er tussen haakjes achter staat, bijvoorbeeld 'municipality: {fixed}'.",
            ),
            "en": (
                "'{got}' is the name of more than one municipality: {names}.",
                "Write the name with what follows it in brackets, for example 'municipality: {fixed}'.",
            ),
        },
        "municipality_spelling": {
            "nl": (
                "de gemeente '{got}' schrijf je als '{name}'.",
                "Schrijf 'municipality: {fixed}', met precies deze hoofdletters, accenten en leestekens.",
            ),
            "en": (
                "the municipality '{got}' is written '{name}'.",
                "Write 'municipality: {fixed}', with exactly these capitals, accents and punctuation.",
            ),
        },
        "province_mismatch": {
            "nl": ("{municipality} ligt in {right}, niet in {got}.", "Schrijf 'province: {right}'."),
            "en": ("{municipality} is in {right}, not in {got}.", "Write 'province: {right}'."),
        },
    }
)


# --- Photos of key persons: consent, and images wired into the build (issue 17, s6) ---
MESSAGES.update(
    {
        "photo_needs_consent": {
            "nl": (
                "bij '{key}' hoort '{consent_key}': wie heeft toestemming gegeven om deze foto "
                "op de site te zetten, en wanneer? Zonder toestemming komt geen foto van een "
                "persoon op de site: veel sleutelpersonen zijn kwetsbaar, en een foto op internet "
                "is niet terug te halen.",
                "Vraag de persoon op de foto of die op de site mag (zie 'Foto's en toestemming' in "
                "de README) en schrijf dan bijvoorbeeld '{consent_key}: de persoon zelf, 2026-03-12, per "
                "e-mail'. Geen toestemming? Haal de regel '{key}' weg.",
            ),
            "en": (
                "'{key}' needs '{consent_key}': who agreed to this photo being on the site, and "
                "when? No photo of a person goes on the site without consent: many key persons "
                "are vulnerable, and a photo on the internet cannot be taken back.",
                "Ask the person in the photo whether it may go on the site (see 'Foto's en "
                "toestemming' in the README), then write for example '{consent_key}: the person themself, "
                "2026-03-12, by e-mail'. No consent? Remove the line '{key}'.",
            ),
        },
        "photo_consent_date": {
            "nl": (
                "'{consent_key}' zegt niet wanneer de toestemming is gegeven (gevonden: \"{got}\").",
                "Schrijf wie en de datum, bijvoorbeeld '{consent_key}: de persoon zelf, 2026-03-12, per e-mail'.",
            ),
            "en": (
                "'{consent_key}' does not say when consent was given (found: \"{got}\").",
                "Write who and the date, for example '{consent_key}: the person themself, 2026-03-12, by e-mail'.",
            ),
        },
    }
)


# --- Status files of the municipalities: gemeenten/<slug>.yaml (issue 15) ---
MESSAGES.update(
    {
        "municipality_maps_missing": {
            "nl": (
                "er staan statusbestanden in gemeenten/, maar de kaarten van de gemeenten ontbreken "
                "(data/nl/gemeente_2025.topojson en data/nl/provincie_2025.topojson).",
                "Zet de twee kaarten terug in data/nl/ (zie data/nl/README.md), of haal de map gemeenten/ weg.",
            ),
            "en": (
                "there are status files in gemeenten/, but the maps of the municipalities are missing "
                "(data/nl/gemeente_2025.topojson and data/nl/provincie_2025.topojson).",
                "Put the two maps back in data/nl/ (see data/nl/README.md), or remove the folder gemeenten/.",
            ),
        },
        "municipality_twice": {
            "nl": (
                "dit bestand gaat over dezelfde gemeente als {first}.",
                "Eén bestand per gemeente: zet wat hier staat in {first} en haal dit bestand weg.",
            ),
            "en": (
                "this file is about the same municipality as {first}.",
                "One file per municipality: move what it says into {first} and remove this file.",
            ),
        },
        "status_file_too_big": {
            "nl": (
                "dit statusbestand is {size} bytes; een statusbestand is een paar regels (hooguit {limit} bytes).",
                "Schrijf alleen de gemeente, de stand, de datum, de bronnen en een korte toelichting.",
            ),
            "en": (
                "this status file is {size} bytes; a status file is a few lines (at most {limit} bytes).",
                "Write only the municipality, the status, the date, the sources and a short note.",
            ),
        },
        "unknown_municipality_guess": {
            "nl": (
                "'{got}' is geen gemeente van Nederland. Bedoel je '{guess}'?",
                "Schrijf 'municipality: {guess}' (de officiële naam, een bekende andere naam zoals "
                "Den Haag, of de CBS-code zoals GM0363).",
            ),
            "en": (
                "'{got}' is not a municipality of the Netherlands. Did you mean '{guess}'?",
                "Write 'municipality: {guess}' (the official name, a known other name such as "
                "Den Haag, or the CBS code such as GM0363).",
            ),
        },
        "unknown_municipality_status": {
            "nl": (
                "'{got}' is geen gemeente van Nederland (de lijst kent de 342 gemeenten van 2025).",
                "Schrijf de gemeente zoals ze officieel heet, bijvoorbeeld 'municipality: Utrecht', of haar "
                "CBS-code, bijvoorbeeld 'municipality: GM0344'. Een dorp of wijk? Schrijf de gemeente "
                "waar het bij hoort.",
            ),
            "en": (
                "'{got}' is not a municipality of the Netherlands (the list holds the 342 municipalities of 2025).",
                "Write the municipality's official name, for example 'municipality: Utrecht', or its CBS "
                "code, for example 'municipality: GM0344'. A village or neighbourhood? Write the "
                "municipality it belongs to.",
            ),
        },
        "status_file_name": {
            "nl": (
                "dit bestand gaat over {name}, maar heet niet naar die gemeente.",
                "Geef het bestand de naam {expected}, zodat elke gemeente precies één bestand heeft.",
            ),
            "en": (
                "this file is about {name}, but is not named after it.",
                "Name the file {expected}, so that every municipality has exactly one file.",
            ),
        },
        "status_sources_list": {
            "nl": (
                "'sources' is een lijst van bronnen, elk met een title.",
                "Schrijf bijvoorbeeld:\n  sources:\n    - title: Raadsbesluit over sleutelpersonen\n"
                "      url: https://www.example.nl/besluit",
            ),
            "en": (
                "'sources' is a list of sources, each with a title.",
                "Write for example:\n  sources:\n    - title: Council decision on key persons\n"
                "      url: https://www.example.nl/decision",
            ),
        },
        "status_needs_source": {
            "nl": (
                "de stand '{status}' heeft een bron nodig: waar staat dat de gemeente dit doet?",
                "Voeg 'sources:' toe met de titel (en het adres) van bijvoorbeeld een raadsbesluit, een "
                "motie of een artikel. Geen bron? Schrijf dan 'status: onbekend'.",
            ),
            "en": (
                "the status '{status}' needs a source: where does it say the municipality does this?",
                "Add 'sources:' with the title (and the address) of for example a council decision, a "
                "motion or an article. No source? Then write 'status: onbekend'.",
            ),
        },
        "status_needs_date": {
            "nl": (
                "bij de stand '{status}' hoort een datum: wanneer is dit gevonden of gecontroleerd?",
                "Voeg een regel toe zoals 'date: 2026-12-03' (jaar-maand-dag).",
            ),
            "en": (
                "the status '{status}' needs a date: when was this found or checked?",
                "Add a line such as 'date: 2026-12-03' (year-month-day).",
            ),
        },
        "status_note_too_long": {
            "nl": (
                "de toelichting is {length} tekens; hooguit {limit}.",
                "Houd 'note' bij één tot drie zinnen; de bron zegt de rest.",
            ),
            "en": (
                "the note is {length} characters; at most {limit}.",
                "Keep 'note' to one to three sentences; the source says the rest.",
            ),
        },
        "status_markup": {
            "nl": (
                "'{key}' bevat < of >: hier hoort gewone tekst, geen HTML.",
                "Haal de tekens < en > weg.",
            ),
            "en": (
                "'{key}' holds < or >: this is plain text, not HTML.",
                "Remove the characters < and >.",
            ),
        },
    }
)
