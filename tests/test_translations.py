"""All interface text is translated into Chinese."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n")[1:]:  # the first block is the header
        if block.lstrip().startswith("#~"):
            continue  # obsolete entries
        yield block


def test_every_message_has_a_chinese_translation():
    missing = []
    for block in entries():
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        if msgid and not any(first or rest.strip() for first, rest in strs):
            missing.append(msgid.group(1))
    assert not missing, f"untranslated: {missing[:10]}"


def test_no_translation_is_marked_fuzzy():
    assert not [b for b in entries() if "#, fuzzy" in b]


def test_no_interface_text_is_missing_from_the_catalogue(tmp_path):
    """Extract the messages afresh (as makemessages would) from a copy of the sources and check
    every one is in the catalogue, translated: a new string in a template or view must not
    reach a Chinese page in English."""
    import shutil
    import subprocess
    import sys

    from tests.conftest import skip_or_fail

    if shutil.which("xgettext") is None:
        skip_or_fail("gettext not installed (apt-get install gettext): cannot extract messages")
    root = PO.parents[3]
    copy = tmp_path / "src"
    copy.mkdir()
    for name in ("manage.py", "portal", "services", "templates", "locale"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    env = {"DEBUG": "true", "PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = (copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    missing = []
    for block in fresh.split("\n\n")[1:]:
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        if msgid and (not any(first or rest.strip() for first, rest in strs) or "#, fuzzy" in block):
            missing.append(msgid.group(1) or block.splitlines()[-1])
    assert not missing, f"{len(missing)} messages not translated, e.g. {missing[:8]}"
