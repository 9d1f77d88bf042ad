"""Private work folders, one per request, and the names shown for uploaded files.

Every request that stores anything gets a folder under the server's own root, named by an
unguessable id (`secrets.token_urlsafe`). Uploads are saved there as `1.xlsx`, `2.xlsx`, …:
a name sent by a client is only ever shown (cleaned), never used as a path. A folder is
deleted when its response has been sent, or when it is older than the lifetime (a client
that never reads its download); the clock is a constructor argument so tests control time.
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NAME_LIMIT = 120
"""Characters of a client's file name kept for display (the rest is cut)."""


def shown_name(raw: str | None, position: int) -> str:
    """A client's file name fit for display and logs: last path part, no control characters,
    at most NAME_LIMIT characters; `berkas-<position>.xlsx` when nothing is left."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1] + "…"
    return name or f"berkas-{position}.xlsx"


@dataclass
class Workspace:
    """One request's private folder."""

    id: str
    folder: Path
    expires: float
    """Clock time after which the sweeper may delete it."""
    busy: bool = True
    """Still being worked on: never swept."""

    @property
    def inputs(self) -> Path:
        """Where the uploads are saved."""
        return self.folder / "masuk"

    @property
    def outputs(self) -> Path:
        """Where the documents are written."""
        return self.folder / "keluar"


@dataclass
class Workspaces:
    """The server's work folders under `root`, swept by age with `clock`."""

    root: Path
    lifetime: float = 300.0
    """Seconds a finished folder may wait for its download before it is deleted."""
    clock: Callable[[], float] = time.monotonic
    _open: dict[str, Workspace] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self) -> Workspace:
        """A new private folder (mode 0700), busy until released."""
        self.sweep()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        ident = secrets.token_urlsafe(18)
        workspace = Workspace(ident, self.root / ident, self.clock() + self.lifetime)
        workspace.folder.mkdir(mode=0o700)
        workspace.inputs.mkdir()
        workspace.outputs.mkdir()
        with self._lock:
            self._open[ident] = workspace
        return workspace

    def release(self, workspace: Workspace) -> None:
        """The work is done; the folder waits at most `lifetime` for its download."""
        with self._lock:
            workspace.busy = False
            workspace.expires = self.clock() + self.lifetime

    def delete(self, workspace: Workspace) -> None:
        """Remove the folder now (its download was sent, or the request failed)."""
        with self._lock:
            self._open.pop(workspace.id, None)
        shutil.rmtree(workspace.folder, ignore_errors=True)

    def sweep(self) -> list[str]:
        """Delete every released folder past its time; the ids deleted."""
        now = self.clock()
        with self._lock:
            stale = [w for w in self._open.values() if not w.busy and w.expires <= now]
            for workspace in stale:
                del self._open[workspace.id]
        for workspace in stale:
            shutil.rmtree(workspace.folder, ignore_errors=True)
        return [w.id for w in stale]

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)

    def close(self) -> None:
        """Delete every folder and the root (server shutdown)."""
        with self._lock:
            self._open.clear()
        shutil.rmtree(self.root, ignore_errors=True)
