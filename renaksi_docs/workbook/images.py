"""Where the Identitas Logo and Gambar Tanda Tangan files come from (docs/workbook.md,
docs/serve.md): a per-run argument of the reader.

On the command line the files are the clerk's own: a name is relative to the workbook's
folder, or absolute (`BesideWorkbook`). On the server a workbook never makes the server open a
file of its own: a name is matched, by its last component and ignoring case, against the
images uploaded in the same request (`Uploaded`); an absolute path, `..`, a drive or UNC path,
or a name not uploaded is refused without opening anything. Either way the file found must be
an image python-docx can place (`check_image`), so a text file named .png is an error naming
the cell, not a crash while rendering.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Protocol

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
"""What a Logo or Gambar Tanda Tangan may name (python-docx places each of them)."""


class ImageRefused(Exception):
    """The named image cannot be used; the message (Bahasa Indonesia) says why, without the
    cell, which the reader adds."""


class Images(Protocol):
    """Finds the file a Logo or Gambar Tanda Tangan cell names."""

    def find(self, name: str, what: str) -> Path:
        """The file for `name` (as typed in the cell); `what` names it in messages ("logo").
        Raises ImageRefused."""
        ...


@dataclass(frozen=True)
class BesideWorkbook:
    """The command line: a name relative to the workbook's folder, or an absolute path."""

    folder: Path

    def find(self, name: str, what: str) -> Path:
        """The existing file `folder/name` (or `name` when absolute)."""
        image = (self.folder / name).resolve()
        if not image.is_file():
            raise ImageRefused(
                f'berkas {what} "{name}" tidak ditemukan; letakkan gambarnya di folder yang '
                "sama dengan workbook"
            )
        return image


@dataclass(frozen=True)
class Uploaded:
    """The server: images uploaded in the same request, by name (last component, any case)."""

    files: Mapping[str, Path] = field(default_factory=dict)
    """`image_key(client's file name)` → where the server saved the upload."""

    def find(self, name: str, what: str) -> Path:
        """The uploaded file whose name is the last component of `name`; never opens `name`."""
        if not is_plain(name):
            raise ImageRefused(
                f'{what} "{name}" menunjuk ke lokasi lain (jalur absolut, "..", drive atau '
                "jaringan); di server isi cukup nama berkas gambarnya, mis. logo.png, lalu "
                "kirim gambarnya bersama workbook"
            )
        found = self.files.get(image_key(name))
        if found is None:
            raise ImageRefused(
                f'berkas {what} "{last_component(name)}" tidak ikut dikirim; pilih gambarnya '
                "bersama workbook, lalu kirim lagi"
            )
        return found


def last_component(name: str) -> str:
    """'gambar/Logo.PNG' → 'Logo.PNG' (either slash)."""
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].strip()


def image_key(name: str) -> str:
    """How an uploaded image and a cell's name are matched: the last component, any case."""
    return last_component(name).casefold()


def is_plain(name: str) -> bool:
    """A relative name without `..`, a drive or a UNC share: one that can only be matched by
    its last component."""
    windows = PureWindowsPath(name)
    if windows.drive or windows.root or PurePosixPath(name).is_absolute():
        return False
    return ".." not in windows.parts and ".." not in PurePosixPath(name).parts


def check_image(path: Path, name: str, what: str) -> None:
    """Refuse a file that python-docx cannot place as a picture (not an image, damaged, or
    without a size): the same reading the renderer does, done while the cell is known."""
    from docx.image.exceptions import (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
    )
    from docx.image.image import Image

    try:
        image = Image.from_file(str(path))
        sized = image.px_width > 0 and image.px_height > 0
    except (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
        ValueError,
        IndexError,
        KeyError,
        ZeroDivisionError,
        struct.error,
        OSError,
    ):  # python-docx's header parsers raise these for damaged bytes
        sized = False
    if not sized:
        raise ImageRefused(
            f'berkas {what} "{last_component(name)}" bukan gambar PNG/JPG yang dapat dibaca '
            "(isinya rusak atau bukan gambar); simpan ulang gambarnya sebagai PNG atau JPG"
        )
