"""Uploads are judged by the whole file, re-encoded when they are images, and stored and served
under a name made from their checked type and what they answer - never the uploader's name."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from services.applications.models import Application, Attachment
from services.applications.uploads import check_upload
from tests.makers import (
    PDF_BYTES,
    make_department,
    make_form,
    make_material,
    make_service,
    make_staff_world,
    make_submitted,
)

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def pdf(pages=1, encrypt=None, javascript=None):
    writer = PdfWriter()
    for _n in range(pages):
        writer.add_blank_page(width=595, height=842)
    if javascript:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if encrypt:
        writer.encrypt(encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(fmt="PNG", size=(40, 30), exif=None, mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, "red").save(out, fmt, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def noise(side):
    """A PNG that does not compress: about 3 bytes a pixel."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), random.Random(side).randbytes(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def upload(data, name="file.bin", spec="pdf,jpg,png"):
    return check_upload(SimpleUploadedFile(name, data), spec)


def message(data, spec="pdf,jpg,png", lang="en"):
    with translation.override(lang), pytest.raises(ValidationError) as raised:
        upload(data, spec=spec)
    return raised.value.messages[0]


# --- what is refused ---------------------------------------------------------------------
def test_pdf_header_followed_by_html_is_not_a_pdf():
    assert message(b"%PDF-1.7\n" + SCRIPT) == "This file is not a valid PDF: it could not be read."


def test_png_header_followed_by_svg_script_is_not_an_image():
    assert message(b"\x89PNG\r\n\x1a\n" + SVG) == "This image is damaged or incomplete: it could not be read."


def test_truncated_jpeg_is_refused_as_damaged():
    whole = image("JPEG", size=(200, 200))
    assert message(whole[: len(whole) // 2]) == "This image is damaged or incomplete: it could not be read."


def test_password_protected_pdf_is_refused_with_its_own_message():
    assert message(pdf(encrypt="secret")) == (
        "This PDF is protected by a password or encrypted. Upload a copy without a password."
    )


def test_pdf_with_javascript_is_refused():
    assert message(pdf(javascript="app.alert('x');")) == (
        "This PDF contains scripts or embedded files, which are not accepted. Save or print it as a new PDF and "
        "upload that."
    )


def test_pdf_without_pages_is_refused():
    out = io.BytesIO()
    PdfWriter().write(out)
    assert message(out.getvalue()) == "This file is not a valid PDF: it has no pages."


def test_image_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.UPLOAD_MAX_PIXELS = 1000
    assert message(image(size=(100, 100))) == (
        "This file is too large: the image has 10,000 pixels (100 × 100); the limit is 1,000 pixels. "
        "Send a smaller photo or scan."
    )


def test_messages_are_in_chinese_too(settings):
    assert message(b"%PDF-1.7\n" + SCRIPT, lang="zh-hans") == "此文件不是有效的PDF文件：无法读取。"
    assert message(b"\x89PNG\r\n\x1a\n" + SVG, lang="zh-hans") == "此图片已损坏或不完整：无法读取。"
    settings.UPLOAD_MAX_PIXELS = 1000
    assert "此文件过大" in message(image(size=(100, 100)), lang="zh-hans")


def test_a_jpeg_where_only_pdf_is_accepted_is_refused_by_type():
    assert "must be a PDF file" in message(image("JPEG"), spec="pdf")


# --- what is accepted, and how it is stored ----------------------------------------------
def test_a_real_pdf_is_accepted_as_it_is():
    data = pdf(pages=2)
    checked = upload(data)
    assert checked.kind == "pdf" and checked.content == data and checked.content_type == "application/pdf"


def test_the_shared_test_files_are_real_files():
    assert upload(PDF_BYTES).kind == "pdf"


def test_an_image_is_re_encoded_so_nothing_rides_behind_it():
    checked = upload(image("PNG") + SVG)
    assert checked.kind == "png" and SVG not in checked.content and b"<svg" not in checked.content
    assert Image.open(io.BytesIO(checked.content)).size == (40, 30)


def test_gps_and_other_metadata_are_removed_from_photos():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}  # GPSInfo
    original = image("JPEG", exif=exif.tobytes())
    assert b"PhoneMaker" in original
    checked = upload(original)
    assert checked.kind == "jpg" and b"PhoneMaker" not in checked.content
    assert not Image.open(io.BytesIO(checked.content)).getexif()


def test_a_photo_taken_sideways_is_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    checked = upload(image("JPEG", size=(40, 30), exif=exif.tobytes()))
    assert Image.open(io.BytesIO(checked.content)).size == (30, 40)


# --- stored and served under our own name ------------------------------------------------
@pytest.fixture
def draft(client):
    service = make_service(slug="permit", offers_online=True, department=make_department(slug="psb"))
    make_material(service, name_en="Household register", name_zh="户口簿", accepted_file_types="pdf,jpg,png")
    make_form(service)
    assert client.post(f"/en/services/{service.slug}/apply/").status_code == 302
    return Application.objects.latest("created_at")


def send_material(client, app, data, name):
    material = app.service.materials.get()
    return client.post(
        f"/en/apply/{app.public_id}/documents/", {f"material-{material.pk}": SimpleUploadedFile(name, data)}
    )


def test_an_upload_named_html_is_stored_and_served_under_its_material_and_type(client, draft):
    assert send_material(client, draft, pdf(), "x.html").status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".pdf") and "x.html" not in attachment.file.name
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="household-register.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_photo_is_served_re_encoded_as_jpg_whatever_its_name(client, draft):
    assert send_material(client, draft, image("JPEG") + SCRIPT, "z.exe").status_code == 302
    response = client.get(Attachment.objects.get().get_absolute_url())
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"] == 'attachment; filename="household-register.jpg"'
    assert response["Content-Type"] == "image/jpeg" and SCRIPT not in body


def test_a_refused_upload_says_why_and_stores_nothing(client, draft):
    response = send_material(client, draft, b"\x89PNG\r\n\x1a\n" + SVG, "y.svg")
    assert response.status_code == 400
    assert "This image is damaged or incomplete" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_original_name_is_only_shown_escaped(client, draft):
    send_material(client, draft, pdf(), "<img src=x onerror=alert(1)>.pdf")
    body = client.get(f"/en/apply/{draft.public_id}/documents/").content.decode()
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;.pdf" in body


def test_officers_download_under_the_checked_name_even_for_rows_stored_before(client):
    world = make_staff_world()
    app = make_submitted(world["permit"])
    legacy = Attachment(
        application=app, field_key="photo", original_name="x.html", content_type="application/pdf", size=len(PDF_BYTES)
    )
    legacy.file.save("upload", io.BytesIO(PDF_BYTES), save=True)
    client.force_login(world["officer"])
    response = client.get(f"/admin/applications/application/{app.pk}/files/{legacy.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="photo.pdf"'
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_row_of_an_unknown_type_is_served_as_plain_bytes(client):
    world = make_staff_world()
    app = make_submitted(world["permit"])
    odd = Attachment(application=app, field_key="photo", original_name="y.svg", content_type="image/svg+xml", size=3)
    odd.file.save("upload", io.BytesIO(b"<sv"), save=True)
    client.force_login(world["officer"])
    response = client.get(f"/admin/applications/application/{app.pk}/files/{odd.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="photo.bin"'


# --- how much one visitor may store --------------------------------------------------------
def test_a_guest_address_may_start_only_so_many_drafts_an_hour(client, settings):
    settings.DRAFTS_PER_ADDRESS_PER_HOUR = 3
    service = make_service(slug="permit", offers_online=True, department=make_department(slug="psb"))
    make_form(service)
    for _n in range(3):
        assert client.post("/en/services/permit/apply/").status_code == 302
    response = client.post("/en/services/permit/apply/")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many applications have been started from this connection in the last hour" in body
    assert "try again in 60 minutes" in body and "<h1" in body
    assert Application.objects.count() == 3
    other = client.post("/en/services/permit/apply/", REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302  # another address has its own budget


def test_signed_in_citizens_count_per_account_not_per_shared_address(client, settings, django_user_model):
    settings.DRAFTS_PER_ADDRESS_PER_HOUR = 2
    settings.DRAFTS_PER_ACCOUNT_PER_HOUR = 1
    service = make_service(slug="permit", offers_online=True, department=make_department(slug="psb"))
    make_form(service)
    for _n in range(2):
        assert client.post("/en/services/permit/apply/").status_code == 302
    client.force_login(django_user_model.objects.create_user("li", password="pw-123456-long", email="li@example.com"))
    assert client.post("/en/services/permit/apply/").status_code == 302
    assert client.post("/en/services/permit/apply/").status_code == 429  # the account's own limit


def test_a_draft_holds_a_limited_number_of_megabytes(client, draft, settings):
    settings.UPLOAD_MAX_MB_PER_APPLICATION = 1
    big = noise(700)
    assert len(big) > 1024 * 1024
    response = send_material(client, draft, big, "scan.png")
    assert response.status_code == 400
    assert "The files of one application may take 1 MB together" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_draft_holds_a_limited_number_of_files(client, settings):
    settings.UPLOAD_MAX_FILES_PER_APPLICATION = 1
    service = make_service(slug="permit", offers_online=True, department=make_department(slug="psb"))
    first = make_material(service, name_en="Household register", accepted_file_types="pdf")
    second = make_material(service, name_en="Tenancy agreement", accepted_file_types="pdf", order=1)
    make_form(service)
    client.post("/en/services/permit/apply/")
    app = Application.objects.get()
    url = f"/en/apply/{app.public_id}/documents/"
    assert client.post(url, {f"material-{first.pk}": SimpleUploadedFile("a.pdf", pdf())}).status_code in (302, 400)
    response = client.post(url, {f"material-{second.pk}": SimpleUploadedFile("b.pdf", pdf())})
    assert "This application already holds 1 files" in response.content.decode() or (
        "already holds 1 file" in response.content.decode()
    )
    assert Attachment.objects.count() == 1
    # Replacing the file already there is always allowed.
    client.post(url, {f"material-{first.pk}": SimpleUploadedFile("a2.pdf", pdf())})
    assert Attachment.objects.get().original_name == "a2.pdf"


def test_an_address_may_upload_only_so_much_a_day(client, draft, settings):
    settings.UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY = 1
    settings.UPLOAD_MAX_MB_PER_APPLICATION = 100
    scan = noise(400)
    assert 300 * 1024 < len(scan) < 1024 * 1024
    for _n in range(1024 * 1024 // len(scan)):
        assert send_material(client, draft, scan, "scan.png").status_code == 302
    response = send_material(client, draft, scan, "scan.png")
    assert response.status_code == 400
    assert "Too many files have been uploaded from this connection today" in response.content.decode()


# --- scripts hidden from a search of the bytes (names hex-escaped, actions on pages) --------
ACTIVE = (
    "This PDF contains scripts or embedded files, which are not accepted. Save or print it as a new PDF and "
    "upload that."
)


def raw_pdf(*objects):
    """A PDF written by hand from these objects (1 is the catalogue, 2 the page tree, 3 the
    page), so that names can be spelt as an attacker would."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def one_page(page_extra=b"", *more, catalogue_extra=b""):
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R " + catalogue_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page_extra + b">>",
        *more,
    )


@pytest.mark.parametrize(
    "data",
    [
        # A script run when the page opens, its names written with #xx escapes.
        one_page(b"/AA << /O << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> >>"),
        one_page(b"/AA << /O 4 0 R >>", b"<< /S /JavaScript /#4aS (app.alert\\(1\\)) >>"),
        # A link on the page that starts a program, or sends the form somewhere.
        one_page(
            b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /L#61unch /F (cmd) >> >>"
        ),
        one_page(b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /A << /S /SubmitForm >> >>"),
        one_page(
            b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /GoToR /F (x.pdf) >> >>"
        ),
        # Files carried inside, and scripts in the names tree or a form.
        one_page(catalogue_extra=b"/Names << /Embedded#46iles 4 0 R >>"),
        one_page(b"", b"<< /Names [(a) 5 0 R] >>", catalogue_extra=b"/Names << /#4aavaScript 4 0 R >>"),
        one_page(catalogue_extra=b"/AcroForm << /Fields [] /X#46A 4 0 R >>"),
        one_page(b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /Rich#4dedia /Rect [0 0 9 9] >>"),
        one_page(b"", b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>"),
        # The action's or object's type kept as a separate object, pointed to by reference.
        one_page(b"", b"<< /S 5 0 R /F (calc.exe) >>", b"/Launch", catalogue_extra=b"/OpenAction 4 0 R "),
        one_page(
            b"/Annots [4 0 R]",
            b"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /AA << /K << /S 5 0 R >> >> >>",
            b"/SubmitForm",
        ),
        one_page(b"", b"<< /Type 5 0 R /Length 0 >>", b"/EmbeddedFile"),
    ],
    ids=[
        "hex-escaped-page-open",
        "indirect-js",
        "launch",
        "submit",
        "gotor",
        "embedded",
        "names-js",
        "xfa",
        "richmedia",
        "filespec",
        "indirect-launch-name",
        "indirect-submit-name",
        "indirect-embedded-type",
    ],
)
def test_scripts_and_files_are_found_in_the_parsed_pdf_however_their_names_are_written(data):
    assert message(data) == ACTIVE


def test_the_chinese_message_for_a_pdf_with_a_hidden_script():
    data = one_page(b"/AA << /O << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> >>")
    assert message(data, lang="zh-hans").startswith("此PDF")


def test_a_pdf_with_an_ordinary_web_link_and_internal_links_is_accepted():
    data = one_page(
        b"/Annots [4 0 R 5 0 R]",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://example.org/) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /Dest [3 0 R /Fit] >>",
        catalogue_extra=b"/OpenAction [3 0 R /Fit]",
    )
    assert upload(data).kind == "pdf"


def test_a_pdf_with_the_word_javascript_in_its_text_is_accepted():
    text = b"BT (/JavaScript /JS /Launch) Tj ET"
    data = one_page(b"/Contents 4 0 R", b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
    assert upload(data).kind == "pdf"
