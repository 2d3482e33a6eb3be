"""The benchmarks' applications carry documents as real as the ones citizens upload: a file an
upload would refuse (the drafts' "PDF" was once `%PDF-1.4 1 0 obj<<>>endobj trailer<<>>`, which
pypdf cannot read) would make benchmark rows unlike real ones. The benchmarks are not run here;
their modules must import, and every document they write must pass check_upload."""

import ast
import importlib
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.applications.uploads import check_upload

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SIGNATURES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}


def bench_modules():
    return sorted(path.stem for path in BENCH.glob("*.py"))


@pytest.mark.parametrize("name", bench_modules())
def test_every_benchmark_module_imports(name, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    importlib.import_module(name)


def document_literals():
    """(file:line, bytes, type) of every bytes literal in bench/*.py that starts like a document."""
    found = []
    for path in sorted(BENCH.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
                for signature, kind in SIGNATURES.items():
                    if node.value.startswith(signature):
                        found.append((f"{path.name}:{node.lineno}", node.value, kind))
    return found


@pytest.mark.django_db
def test_no_benchmark_holds_a_document_an_upload_would_refuse():
    refused = []
    for where, data, kind in document_literals():
        try:
            check_upload(SimpleUploadedFile(f"file.{kind}", data), kind)
        except Exception as error:  # noqa: BLE001 - any refusal is the finding
            refused.append(f"{where}: {error}")
    assert not refused, "documents in bench/ that an upload would refuse:\n" + "\n".join(refused)


@pytest.mark.django_db
def test_the_benchmark_drafts_document_is_stored_as_a_checked_upload(settings, tmp_path):
    from services.applications.models import Attachment
    from services.applications.uploads import download_name
    from tests.makers import make_material, make_service

    settings.MEDIA_ROOT = tmp_path
    sys.path.insert(0, str(BENCH))
    try:
        bench_applications = importlib.import_module("bench_applications")
    finally:
        sys.path.remove(str(BENCH))
    material = make_material(make_service(), name_en="Resident ID card", accepted_file_types="pdf")
    relative, checked = bench_applications.bench_document(material)
    stored = tmp_path / relative
    assert stored.read_bytes() == checked.content and checked.content_type == "application/pdf"
    check_upload(SimpleUploadedFile("again.pdf", stored.read_bytes()), "pdf")  # parses as a PDF
    row = Attachment(material=material, content_type=checked.content_type)
    assert stored.name == download_name(row) == "resident-id-card.pdf"
