"""click's own texts (usage, help, errors, --version) in Bahasa Indonesia (docs/commands.md).

click marks its texts with the standard library's `gettext.gettext`, which looks them up in
gettext's global domain `messages` in the languages named by $LANGUAGE (read on every call).
`activate` binds that domain to our catalog (`locale/id/LC_MESSAGES/messages.po`, compiled with
Babel into the user's cache folder, once per version of the catalog) and sets $LANGUAGE to
Indonesian. Nothing of click is patched. The CLI calls it before its commands are defined:
click stores some texts (click.Path's "file") when an option is made.
"""

from __future__ import annotations

import atexit
import gettext
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

LANGUAGE = "id"
DOMAIN = "messages"
"""gettext's global domain: the one `gettext.gettext` (click's `_`) reads."""
CATALOG = Path(__file__).parent / "locale" / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalog(po: Path, cache: Path) -> Path:
    """`po` compiled to <cache>/<hash of po>/id/LC_MESSAGES/messages.mo (once per content of
    `po`; written atomically, so parallel first runs never read half a file). Returns the
    locale folder to bind."""
    data = po.read_bytes()
    localedir = cache / hashlib.sha256(data).hexdigest()[:16]
    mo = localedir / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        return localedir
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=LANGUAGE)
    mo.parent.mkdir(parents=True, exist_ok=True)
    temp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as out:
            write_mo(out, catalog)
        os.replace(temp, mo)
    finally:
        temp.unlink(missing_ok=True)
    return localedir


def _cache_folder() -> Path:
    """The user's cache folder for renaksi-docs (platformdirs: %LOCALAPPDATA%, ~/Library/Caches,
    ~/.cache)."""
    from platformdirs import user_cache_path

    return user_cache_path("renaksi-docs", appauthor=False) / "locale"


def activate(po: Path = CATALOG) -> bool:
    """Make gettext, hence click, answer in Indonesian. Returns False (click stays in English)
    only when the catalog cannot be compiled anywhere: never a reason not to run."""
    try:
        localedir = compile_catalog(po, _cache_folder())
    except OSError:  # a read-only or full cache folder: compile into a private temp folder
        private = Path(tempfile.mkdtemp(prefix="renaksi-docs-locale-"))
        atexit.register(shutil.rmtree, private, True)
        try:
            localedir = compile_catalog(po, private)
        except OSError:
            return False
    gettext.bindtextdomain(DOMAIN, str(localedir))
    os.environ["LANGUAGE"] = LANGUAGE  # wins over LC_ALL, LC_MESSAGES and LANG in gettext.find
    return True
