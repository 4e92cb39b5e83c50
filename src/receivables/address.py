"""The address people type to reach a server on this machine: its network addresses, never
0.0.0.0 or 127.0.0.1. Used by room mode (JupyterHub) and app mode (Voilà)."""

from __future__ import annotations

import ipaddress
import socket


def network_addresses() -> list[str]:
    """IPv4 addresses of this machine's network interfaces, loopback and link-local left out,
    private (room network) addresses first."""
    import psutil

    found = {a.address for addrs in psutil.net_if_addrs().values() for a in addrs if a.family == socket.AF_INET}
    keep = [a for a in found if not (ipaddress.ip_address(a).is_loopback or ipaddress.ip_address(a).is_link_local)]
    return sorted(keep, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def urls(ip: str, port: int) -> list[str]:
    """What to type in a learner's browser for a server listening on `ip` (none for loopback)."""
    if ip in ("0.0.0.0", "", "*"):
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
