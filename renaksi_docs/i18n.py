"""click's own texts (usage, help, errors, --version) in Bahasa Indonesia (docs/commands.md).

click marks its texts with the standard library's `gettext.gettext`, which looks them up in
gettext's global domain `messages` in the languages named by $LANGUAGE (read on every call).
`activate` binds that domain to our catalog and sets $LANGUAGE to Indonesian. Nothing of click
is patched. The CLI calls it before its commands are defined: click stores some texts
(click.Path's "file") when an option is made.

The catalog is edited as `locale/id/LC_MESSAGES/messages.po`; the package ships it compiled
beside it (`messages.mo`, made with `pybabel compile -d renaksi_docs/locale -D messages`), so
that a run reads one small file and writes nothing. tests/test_language.py fails when the two
differ.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGE = "id"
DOMAIN = "messages"
"""gettext's global domain: the one `gettext.gettext` (click's `_`) reads."""
LOCALEDIR = Path(__file__).parent / "locale"
CATALOG = LOCALEDIR / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
COMPILED = CATALOG.with_suffix(".mo")


def activate() -> None:
    """Make gettext, hence click, answer in Indonesian."""
    gettext.bindtextdomain(DOMAIN, str(LOCALEDIR))
    os.environ["LANGUAGE"] = LANGUAGE  # wins over LC_ALL, LC_MESSAGES and LANG in gettext.find
