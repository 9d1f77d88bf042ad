"""What `serve` tells an office about itself: the addresses other PCs open, and the office
password kept from one start to the next (docs/serve.md)."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
from pathlib import Path

from ..errors import RenaksiError, describe_os_error

PASSWORD_FILE = "sandi-server.txt"
"""The generated office password, in the user's configuration folder."""
_PROBES = (("192.0.2.1", socket.AF_INET), ("2001:db8::1", socket.AF_INET6))
"""Documentation addresses (never routed): a UDP socket "connected" to one learns which of
this machine's addresses leads outwards, without sending anything."""


class PasswordProblem(RenaksiError):
    """The kept office password cannot be read or written."""


def config_folder() -> Path:
    """The user's configuration folder for renaksi-docs (platformdirs: %APPDATA%\\renaksi-docs,
    ~/Library/Application Support/renaksi-docs, $XDG_CONFIG_HOME or ~/.config/renaksi-docs)."""
    from platformdirs import user_config_path

    return user_config_path("renaksi-docs", appauthor=False, roaming=True)


def kept_password(folder: Path) -> tuple[str, Path]:
    """The office password kept in `folder`, made (and written, readable by this user only)
    on first use; a new one only after the file is deleted or emptied. Returns it and its file."""
    from ..files import write_atomically

    path = folder / PASSWORD_FILE
    try:
        kept = path.read_text("utf-8").strip() if path.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else "bukan teks UTF-8"
        raise PasswordProblem(f"sandi di {path} tidak dapat dibaca: {reason}") from None
    if kept:
        return kept, path
    password = secrets.token_urlsafe(12)

    def write(temp: Path) -> None:
        temp.write_text(password + "\n", "utf-8")
        if sys.platform != "win32":  # Windows: the profile folder is the user's own already
            os.chmod(temp, 0o600)

    write_atomically(path, write, force=True)
    return password, path


def own_addresses(host: str) -> list[str]:
    """The addresses other PCs can open for a server listening on `host`: `host` itself,
    except for the wildcards 0.0.0.0 (every IPv4 address of this machine) and :: (every
    address: cheroot listens on both families with ::), which are replaced by this machine's
    own non-loopback addresses, IPv4 first; the machine's name when none is found."""
    try:
        wildcard = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        wildcard = False
    if not wildcard:
        return [host]
    families = [socket.AF_INET, socket.AF_INET6] if ":" in host else [socket.AF_INET]
    found: list[str] = []
    for family in families:
        for address in _addresses(family):
            parsed = ipaddress.ip_address(address.split("%")[0])
            if not (parsed.is_loopback or parsed.is_link_local or address in found):
                found.append(address)
    return found or [socket.gethostname()]


def _addresses(family: socket.AddressFamily) -> list[str]:
    """This machine's addresses of `family`: the outward one first, then its name's."""
    addresses: list[str] = []
    probe = next(p for p, f in _PROBES if f == family)
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            addresses.append(udp.getsockname()[0])
    except OSError:  # no route outwards (an office PC without a gateway)
        pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_STREAM)
    except OSError:
        infos = []
    addresses.extend(str(info[4][0]) for info in infos)
    return addresses


def url(address: str, port: int) -> str:
    """http://address:port/ with an IPv6 address in brackets."""
    shown = f"[{address}]" if ":" in address else address
    return f"http://{shown}:{port}/"
