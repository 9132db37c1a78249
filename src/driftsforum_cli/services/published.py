"""Reading back what the site outputs, for the privacy check (domain.published): the texts of the rendered HTML
pages, of the PDFs (the HTML each is made from, its metadata, and – once made – the PDF file itself), the file
names, and the public attachments, whose type is checked first.

Attachments. A website serves documents and images: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX),
OpenDocument (ODT, ODS, ODP), plain text (TXT, CSV), PNG, JPEG, GIF, WebP and SVG without active content. Anything
that would run in the browser on the site's own address – HTML, JavaScript, SVG with scripts, event handlers or
embedded HTML – is refused, and so is every other type (its text cannot be checked), a file whose content is not
what its name says, a PDF with JavaScript or actions run on opening, a macro-enabled Office file and a file that
cannot be read. The text of an accepted document
is checked: a PDF's pages and metadata (pypdf), every XML part of an Office or OpenDocument file (text, comments,
headers, properties such as the author), a text file as it is. Images are served as they are: the text in a
picture is not read.
"""

from __future__ import annotations

import ast
import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from driftsforum_cli.domain.publish import SitePlan
from driftsforum_cli.domain.published import AttachmentText, OutputText, Refusal, Vocabulary
from driftsforum_cli.render.site import SiteFiles

#: The most an Office file's XML parts may unpack to (a zip bomb is refused, not unpacked).
MAX_UNPACKED = 64 * 1024 * 1024

_OFFICE = {".docx": "Word-dokument", ".xlsx": "Excel-regneark", ".pptx": "PowerPoint-præsentation"}
_OPEN_DOCUMENT = {".odt": "OpenDocument-tekst", ".ods": "OpenDocument-regneark", ".odp": "OpenDocument-præsentation"}
_IMAGES = {
    ".png": ("PNG-billede", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG-billede", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG-billede", (b"\xff\xd8\xff",)),
    ".gif": ("GIF-billede", (b"GIF87a", b"GIF89a")),
}
_TEXT = {".txt": "tekstfil", ".csv": "CSV-fil"}
_ACTIVE = {
    ".html": "en HTML-side",
    ".htm": "en HTML-side",
    ".xhtml": "en HTML-side",
    ".shtml": "en HTML-side",
    ".js": "et JavaScript-program",
    ".mjs": "et JavaScript-program",
    ".svgz": "et komprimeret SVG-billede",
    ".xml": "en XML-fil",
    ".xsl": "en XSL-fil",
    ".hta": "et HTML-program",
    ".swf": "en Flash-fil",
    ".php": "et PHP-program",
    ".wasm": "et WebAssembly-program",
}
_SUPPORTED = "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument, TXT, CSV, PNG, JPEG, GIF, WebP eller SVG"
_HTML_LIKE = re.compile(rb"<\s*(?:!doctype\s+html|html|script|iframe|object|embed|svg)\b", re.IGNORECASE)
_SVG_ACTIVE = re.compile(
    r"<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|object)\b|\son[a-z]+\s*=|javascript:|data:text/html"
    r"|<!ENTITY|(?:xlink:)?href\s*=\s*[\"']\s*(?!#)",
    re.IGNORECASE,
)
_XML_BREAK = re.compile(
    r"</(?:w:p|a:p|text:p|text:h|si|c|row|t|dc:\w+|cp:\w+|dcterms:\w+|vt:\w+|meta:\w+)>|<w:br\b[^>]*>"
)
_XML_TAB = re.compile(r"<w:tab\b[^>]*>|<text:tab\b[^>]*>|<text:s\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


# --- HTML ---------------------------------------------------------------------------------------------------------


class _HtmlTexts(HTMLParser):
    def __init__(self, file: str, prefix: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.prefix = prefix
        self.texts: list[OutputText] = []
        self.flat: list[str] = []

    def _add(self, where: str, text: str) -> None:
        if text.strip():
            self.texts.append(OutputText(self.file, self.prefix + where, text, self.getpos()[0]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value:
                shown = unquote(value) if name in ("href", "src") else value
                self._add(f"attributten '{name}' på <{tag}>", shown)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self._add("tekst", data)
        self.flat.append(data)

    def handle_comment(self, data: str) -> None:
        self._add("kommentar", data)

    def handle_decl(self, decl: str) -> None:
        self._add("erklæring", decl)

    def handle_pi(self, data: str) -> None:
        self._add("instruktion", data)


def html_texts(file: str, markup: str, prefix: str = "") -> list[OutputText]:
    """Every text of an HTML page: text, comments and attribute values (link targets decoded), each with its line;
    and the page's text run together (a number split by tags is found there; its words are not checked twice)."""
    parser = _HtmlTexts(file, prefix)
    parser.feed(markup)
    parser.close()
    whole = OutputText(file, prefix + "sidens tekst samlet", "".join(parser.flat), 1, traced_words=False)
    return [*parser.texts, whole]


# --- PDF ----------------------------------------------------------------------------------------------------------

_PDF_FIELDS = {
    "/Title": "titel",
    "/Author": "forfatter",
    "/Subject": "emne",
    "/Keywords": "nøgleord",
    "/Creator": "program",
    "/Producer": "producent",
}


_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


def _pdf_has_javascript(data: bytes) -> bool:
    """JavaScript in the document's names or as its open action, also where the objects are compressed."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"].get_object()
        if not isinstance(root, dict):
            return False
        names = root.get("/Names")
        names = names.get_object() if names is not None else {}
        action = root.get("/OpenAction")
        action = action.get_object() if action is not None else {}
        return (
            (isinstance(names, dict) and "/JavaScript" in names)
            or "/AA" in root
            or (isinstance(action, dict) and action.get("/S") in ("/JavaScript", "/Launch"))
        )
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError, ValueError):
        return False  # what cannot be read is refused when its text is read


def pdf_texts(data: bytes) -> list[tuple[str, str]]:
    """(where, text) of a PDF: its metadata and the text of each page. Raises ValueError if it cannot be read."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("den er krypteret")
        found: list[tuple[str, str]] = []
        for key, value in (reader.metadata or {}).items():
            label = _PDF_FIELDS.get(str(key), str(key).lstrip("/"))
            found.append((f"metadata: {label}", str(value)))
        for number, page in enumerate(reader.pages, 1):
            found.append((f"side {number}", page.extract_text() or ""))
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None
    return found


# --- the site's own files -----------------------------------------------------------------------------------------


#: The site search's index files (render/search_index.py): soegeindeks.json and soegeindeks.js.
SEARCH_INDEX_STEM = "soegeindeks"


def site_outputs(site: SiteFiles, plan: SitePlan) -> list[OutputText]:
    """Every text of the site's pages, stylesheet, PDFs (as made from their HTML, with their metadata) and file
    names; the attachments' content is read by `attachment_texts`."""
    attachments = {attachment.target for page in plan.pages() for attachment in page.attachments.values()}
    pdfs = {job.target for job in site.pdfs}
    outputs: list[OutputText] = []
    for path, data in site.files.items():
        if path in pdfs:
            continue  # below, from what it is made of (and read back by `made_pdf_outputs` once made)
        outputs.append(OutputText(path, "filnavnet", path))
        if path in attachments:
            continue
        text = data.decode("utf-8", errors="replace")
        if path.endswith(".html"):
            outputs.extend(html_texts(path, text))
        elif PurePosixPath(path).stem == SEARCH_INDEX_STEM:
            # the site search's index: the pages' texts again, and their words folded and stemmed for matching
            # ('samarbejdsform'), which are no words of their own; every hit in it is still a finding
            outputs.append(OutputText(path, "indholdet", text, traced_words=False))
        else:
            outputs.append(OutputText(path, "indholdet", text))
    for job in site.pdfs:
        outputs.append(OutputText(job.target, "filnavnet", job.target))
        outputs.extend(html_texts(job.target, job.html, "PDF-filens "))
        for label, value in (("titel", job.title), ("forfatter", job.author), ("emne", job.subject)):
            outputs.append(OutputText(job.target, f"PDF-metadata: {label}", value))
    return outputs


def made_pdf_outputs(target: str, data: bytes) -> list[OutputText]:
    """A finished PDF's metadata and page text, read back (its words were traced in the HTML it was made from)."""
    try:
        texts = pdf_texts(data)
    except ValueError as exc:
        return [OutputText(target, "PDF-filen", f"PDF-filen kan ikke læses: {exc}")]
    return [OutputText(target, f"PDF-filens {where}", text, traced_words=False) for where, text in texts]


# --- attachments --------------------------------------------------------------------------------------------------


@dataclass
class AttachmentCheck:
    texts: list[AttachmentText] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def _office_texts(data: bytes, label: str) -> Iterator[tuple[str, str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if any(PurePosixPath(name).name.lower() == "vbaproject.bin" for name in names):
                raise _Refused(f"er et {label} med makroer, som ikke offentliggøres")
            parts = [info for info in archive.infolist() if info.filename.endswith(".xml")]
            if sum(info.file_size for info in parts) > MAX_UNPACKED:
                raise ValueError("den pakker sig ud til for meget")
            for info in parts:
                if info.filename == "[Content_Types].xml" or "/_rels/" in f"/{info.filename}":
                    continue
                xml = archive.read(info).decode("utf-8", errors="replace")
                xml = _XML_TAB.sub(" ", _XML_BREAK.sub("\n", xml))
                yield f"delen {info.filename}", html.unescape(_TAG.sub("", xml))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None


class _Refused(Exception):
    """An attachment the site will not serve; the message says why (Danish, after "bilaget 'x' ")."""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def attachment_content(name: str, data: bytes) -> list[tuple[str, str]]:
    """(where, text) of an attachment the site may serve; raises _Refused for one it may not."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _ACTIVE:
        raise _Refused(f"er {_ACTIVE[suffix]}, som ville kunne køre i browseren på hjemmesidens adresse")
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix == ".svg":
        text = _decode(data)
        if _SVG_ACTIVE.search(text):
            raise _Refused(
                "er et SVG-billede med aktivt indhold (script, hændelser, indlejret HTML eller links), som ville "
                "kunne køre i browseren på hjemmesidens adresse"
            )
        return [("tekst", html.unescape(_TAG.sub(" ", text)))]
    if suffix not in (*_OFFICE, *_OPEN_DOCUMENT, *_IMAGES, *_TEXT, ".pdf", ".webp"):
        kind = f"'{suffix}'" if suffix else "uden endelse"
        raise _Refused(f"er en filtype, hjemmesiden ikke offentliggør ({kind}), og dens tekst kan ikke kontrolleres")
    if suffix in _TEXT:
        if _HTML_LIKE.search(data[:65536]):
            raise _Refused(f"hedder {suffix}, men indeholder HTML eller script, som ville kunne køre i browseren")
        return [("tekst", _decode(data))]
    if suffix in _IMAGES or suffix == ".webp":
        label, signatures = _IMAGES.get(suffix, ("WebP-billede", ()))
        valid = data.startswith(signatures) if signatures else (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        if not valid:
            raise _Refused(f"hedder {suffix}, men er ikke et {label}")
        return []
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise _Refused("hedder .pdf, men er ikke en PDF-fil")
        if _PDF_ACTIVE.search(data) or _pdf_has_javascript(data):
            raise _Refused("er en PDF-fil med JavaScript eller handlinger, der køres, når den åbnes")
        try:
            return pdf_texts(data)
        except ValueError as exc:
            raise _Refused(f"kan ikke læses som PDF ({exc}), så dens tekst kan ikke kontrolleres") from None
    label = {**_OFFICE, **_OPEN_DOCUMENT}[suffix]
    if not data.startswith(b"PK"):
        raise _Refused(f"hedder {suffix}, men er ikke et {label}")
    try:
        return list(_office_texts(data, label))
    except ValueError as exc:
        raise _Refused(f"kan ikke læses som {label} ({exc}), så dets tekst kan ikke kontrolleres") from None


def attachment_texts(site: SiteFiles, plan: SitePlan) -> AttachmentCheck:
    """The texts of every public attachment, and the attachments refused."""
    from driftsforum_cli.workspace import display_path

    check = AttachmentCheck()
    for forum in plan.forums:
        members = forum.files.members.model
        seats = {seat.id: seat.person.name if seat.person else None for seat in members.seats} if members else {}
        for page in forum.pages:
            for attachment in page.attachments.values():
                display = display_path(attachment.source)
                data = site.files.get(attachment.target, b"")
                try:
                    texts = attachment_content(attachment.name, data)
                except _Refused as refused:
                    check.refused.append(
                        Refusal(
                            display,
                            f"bilaget '{attachment.name}' {refused}; det offentliggøres ikke. Gem det som "
                            f"{_SUPPORTED}, eller fjern det fra publication.public_attachments i "
                            f"{page.loaded.display}",
                        )
                    )
                    continue
                for where, text in texts:
                    if text.strip():
                        check.texts.append(AttachmentText(display, page.loaded, seats, where, text))
    return check


# --- the vocabulary -----------------------------------------------------------------------------------------------


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@cache
def program_texts() -> tuple[str, ...]:
    """driftsforum's own texts: every string in its source but the docstrings (so the month names, the document
    titles and the item kinds, and nothing a comment or an example mentions)."""
    import driftsforum_cli

    found: list[str] = []
    for path in sorted(Path(driftsforum_cli.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                found.append(node.value)
    return tuple(found)


@cache
def program_words() -> frozenset[str]:
    """The words of driftsforum's own texts (`program_texts`)."""
    vocabulary = Vocabulary()
    for text in program_texts():
        vocabulary.add(text)
    return frozenset(vocabulary.words)


@cache
def trusted_marker_keys(markers: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The markers that driftsforum's own texts and bundled templates contain ("Borger- og pårørendeperspektiv"
    for the marker 'borger'): on a page they are the program's words, not a citizen's case."""
    from driftsforum_cli.domain.privacy import Known, scan_text
    from driftsforum_cli.domain.published import hit_key
    from driftsforum_cli.workspace import bundled_root

    texts = [*program_texts()]
    texts += [
        _decode(path.read_bytes()) for path in sorted((bundled_root() / "templates").rglob("*")) if path.is_file()
    ]
    markers_only = Known()
    return frozenset(
        hit_key(hit) for text in texts for hit in scan_text(text, markers_only, markers) if hit.kind == "marker"
    )


def template_folders(repo_root: Path | None) -> list[Path]:
    from driftsforum_cli.workspace import bundled_root

    folders = [bundled_root() / "templates"]
    if repo_root is not None and (repo_root / "templates").is_dir():
        folders.append(repo_root / "templates")
    return folders


def vocabulary(plan: SitePlan, repo_root: Path | None) -> Vocabulary:
    """The words the site may consist of: the scanned texts', the templates' and driftsforum's own."""
    found = Vocabulary(set(program_words()))
    for exposure in plan.all_exposures():
        found.add(exposure.text)
    for folder in template_folders(repo_root):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found.add(_decode(path.read_bytes()))
    return found
