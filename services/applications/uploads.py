"""Checking uploaded files: size, then the whole file. A PDF must parse with pypdf (every page
readable, not encrypted, and no scripts, outward actions or embedded files in any of its parsed
objects); an image must decode fully with Pillow and is re-encoded, upright and without
metadata (GPS position, camera), so that nothing rides behind a valid header. The uploader's
file name is never trusted: files are stored and served under a name made from their checked
type and the material or question they answer."""

import io
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Leading bytes of each accepted kind of file: only a first guess, confirmed by parsing.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
KINDS_BY_CONTENT_TYPE = {value: key for key, value in CONTENT_TYPES.items()}
LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG"}
ALIASES = {"jpeg": "jpg"}
PIL_FORMATS = {"jpg": "JPEG", "png": "PNG"}
# What in a PDF runs code, leaves the document or carries other files (see _pdf_is_active):
# an action of these kinds (/S), a dictionary of these types, or one holding these keys (a
# script, the names tree's scripts and files, a file specification's embedded file, XFA forms).
PDF_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/RichMediaExecute",
}
PDF_ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia", "/FileAttachment", "/Sound", "/Movie", "/Screen", "/3D"}
PDF_ACTIVE_KEYS = ("/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA", "/RichMediaContent")


@dataclass(frozen=True)
class CheckedFile:
    """What check_upload found: the kind, and the bytes to store (re-encoded for images)."""

    kind: str
    content: bytes

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    @property
    def size(self):
        return len(self.content)


def accepted_types(spec):
    """'pdf, JPG,jpeg' -> ['pdf', 'jpg'] (known kinds only, in order)."""
    kinds = []
    for part in (spec or "pdf,jpg,png").split(","):
        kind = ALIASES.get(part.strip().lower(), part.strip().lower())
        if kind in SIGNATURES and kind not in kinds:
            kinds.append(kind)
    return kinds or ["pdf", "jpg", "png"]


def sniff(head):
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def check_upload(uploaded, spec, max_mb=None):
    """Return a CheckedFile, or raise ValidationError saying exactly what is wrong."""
    max_mb = min(max_mb or settings.UPLOAD_MAX_MB, settings.UPLOAD_MAX_MB)
    allowed = accepted_types(spec)
    from services.lib.i18n import is_english

    names = (", " if is_english() else "、").join(LABELS[k] for k in allowed)
    if uploaded.size == 0:
        raise ValidationError(_("The selected file is empty."), code="empty")
    if uploaded.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The selected file must be smaller than %(max)s MB (it is %(size).1f MB).")
            % {"max": max_mb, "size": uploaded.size / 1024 / 1024},
            code="too_big",
        )
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = sniff(data[:16])
    if kind not in allowed:
        raise ValidationError(
            _("The selected file must be a %(types)s file. Its contents show it is not.") % {"types": names},
            code="type",
        )
    if kind == "pdf":
        return CheckedFile("pdf", _check_pdf(data))
    return CheckedFile(kind, _reencode_image(data, kind))


# --- PDF -------------------------------------------------------------------------------------
def _not_a_pdf(reason=None):
    return ValidationError(reason or _("This file is not a valid PDF: it could not be read."), code="pdf")


def _check_pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(
                    _("This PDF is protected by a password or encrypted. Upload a copy without a password."),
                    code="encrypted",
                )
            pages = reader.pages
            if len(pages) == 0:
                raise _not_a_pdf(_("This file is not a valid PDF: it has no pages."))
            for page in pages:
                page.mediabox  # noqa: B018 - reading each page is the check
                page.get_contents()
            if _pdf_is_active(reader):
                raise ValidationError(
                    _(
                        "This PDF contains scripts or embedded files, which are not accepted. Save or print it "
                        "as a new PDF and upload that."
                    ),
                    code="active",
                )
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError, RecursionError) as e:
        raise _not_a_pdf() from e
    return data


def _pdf_is_active(reader):
    """Scripts, actions that leave the document, or files carried inside, anywhere in the PDF.

    Judged on the parsed objects, never on the bytes: a name may be written with #xx escapes
    (/J#61vaScript is /JavaScript), and objects may sit in compressed object streams; pypdf
    decodes both. Every object is looked at - those reachable from the trailer (catalogue, names
    tree, pages, their /AA, annotations and their actions, form fields) and any other object in
    the cross-reference table - so an action on a page or a form field is found as surely as one
    in the catalogue.

    Why refuse rather than rewrite the file from its pages (PdfWriter): a rewrite would drop the
    annotations, and with them the filled-in values of a PDF form and the links that officers
    read, silently changing the document they judge; and keeping annotations means keeping
    their actions. A refusal says what is wrong, and the citizen's "Save as PDF" or "Print to
    PDF" makes a file that passes. Web links (/URI) and links inside the document (/GoTo,
    destinations) are ordinary and accepted."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen = set()
    stack = [reader.trailer]
    stack.extend(_every_indirect_object(reader))
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if _dictionary_is_active(item):
                return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def _every_indirect_object(reader):
    """References to every object the cross-reference table lists (also those no page uses)."""
    from pypdf.generic import IndirectObject

    numbers = {(num, gen) for gen, objects in reader.xref.items() for num in objects}
    numbers |= {(num, 0) for num in reader.xref_objStm}
    return [IndirectObject(num, gen, reader) for num, gen in sorted(numbers) if num > 0]


def _dictionary_is_active(dictionary):
    # A value may itself be a separate object (<< /S 5 0 R >> with 5 0 obj /Launch): compare
    # what the reference points to, not the reference.
    def name(key):
        value = dictionary.get(key)
        return value.get_object() if hasattr(value, "get_object") else value

    if name("/S") in PDF_ACTIVE_ACTIONS:
        return True
    if name("/Type") in PDF_ACTIVE_TYPES or name("/Subtype") in PDF_ACTIVE_TYPES:
        return True
    return any(key in dictionary for key in PDF_ACTIVE_KEYS)


# --- images ----------------------------------------------------------------------------------
def _damaged():
    return ValidationError(_("This image is damaged or incomplete: it could not be read."), code="image")


def _reencode_image(data, kind):
    from PIL import Image, ImageOps

    limit = settings.UPLOAD_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[PIL_FORMATS[kind]])
            width, height = image.size
            if width * height > limit:
                raise _too_many_pixels(width, height, limit)
            image.load()
            image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _too_many_pixels(*_declared_size(data), limit) from e
    except (OSError, SyntaxError, ValueError, TypeError, IndexError, struct.error, EOFError) as e:
        raise _damaged() from e
    out = io.BytesIO()
    if kind == "jpg":
        image = image.convert("L" if image.mode in ("1", "L") else "RGB")
        image.save(out, "JPEG", quality=90, optimize=True)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _declared_size(data):
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            return Image.open(io.BytesIO(data)).size
        except Exception:  # noqa: BLE001 - only used to word the message
            return (0, 0)
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _too_many_pixels(width, height, limit):
    return ValidationError(
        _(
            "This file is too large: the image has %(pixels)s pixels (%(width)s × %(height)s); the limit is "
            "%(limit)s pixels. Send a smaller photo or scan."
        )
        % {
            "pixels": number_format(width * height, force_grouping=True),
            "width": width,
            "height": height,
            "limit": number_format(limit, force_grouping=True),
        },
        code="pixels",
    )


# --- names -----------------------------------------------------------------------------------
def kind_of(content_type):
    """The kind of a stored file from its recorded type; None for anything else."""
    return KINDS_BY_CONTENT_TYPE.get(content_type)


def download_name(attachment):
    """'household-register.pdf': the material's English name (or the question's key) and the
    checked type. Rows stored before the check keep working: an unknown type is '.bin'."""
    material = attachment.material if attachment.material_id else None
    stem = slugify(material.name_en if material else "") or slugify(attachment.field_key) or "document"
    return f"{stem[:60]}.{kind_of(attachment.content_type) or 'bin'}"


def response_headers(response):
    """Headers every served upload carries, whoever downloads it."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def serve(attachment):
    from django.http import FileResponse

    kind = kind_of(attachment.content_type)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment),
        content_type=CONTENT_TYPES[kind] if kind else "application/octet-stream",
    )
    return response_headers(response)
