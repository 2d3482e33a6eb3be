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
