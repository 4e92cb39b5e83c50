"""The address learners type: this machine's network addresses, not 0.0.0.0 or 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
import subprocess


def network_addresses() -> list[str]:
    """IPv4 addresses of this machine's network interfaces, loopback and link-local left out."""
    found: list[str] = []
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"],
                             capture_output=True, text=True, check=True).stdout
        found = [line.split()[3].split("/")[0] for line in out.splitlines() if len(line.split()) > 3]
    except (OSError, subprocess.CalledProcessError):
        try:
            found = socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            found = []
    keep = []
    for addr in found:
        ip = ipaddress.ip_address(addr)
        if not (ip.is_loopback or ip.is_link_local) and addr not in keep:
            keep.append(addr)
    return keep


def urls(ip: str, port: int) -> list[str]:
    """What to type in a learner's browser for a hub listening on `ip`."""
    if ip in ("0.0.0.0", ""):
        hosts = network_addresses()
    elif ipaddress.ip_address(ip).is_loopback:
        hosts = []
    else:
        hosts = [ip]
    return [f"http://{host}:{port}/" for host in hosts]


def qr_text(url: str) -> str:
    """A QR code of the address, in text, for the projector or a printed sheet."""
    import io

    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(url)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()
