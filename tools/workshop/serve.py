"""``make workshop``: serve the chapters' live exercises (and ``workshop/``) to a room with Voilà.

Writes the apps (``tools/workshop/apps.py`` into ``_workshop/``), prints the address to share,
then runs Voilà 0.5.13 in the foreground (Ctrl+C stops it and every kernel) with:

* ``LEADING_PRODUCTS_RENDER=live``: live widgets, charts drawn offline;
* the ``leading-products`` page template: code hidden, no request to another host, a landing
  page where a participant types a display name once;
* preheated kernels (``VoilaConfiguration.preheat_kernel``, ``default_pool_size`` = ``POOL``
  per app): each app's notebook has already run when a participant opens it; a page taken
  from the pool is refilled ``fill_delay`` seconds later;
* kernel culling (``MappingKernelManager.cull_idle_timeout`` = ``CULL`` seconds, checked every
  ``cull_interval``; ``cull_connected=False``): a kernel with no open page is shut down once
  idle that long. A closed tab also asks for its kernel's shutdown at once (the template's
  beacon, which carries the ``_xsrf`` token that Voilà's own lacks);
* answers saved to ``LEADING_PRODUCTS_STORE`` (default: the folder ``answers/``; ``STORE=``
  with nothing saves nothing and asks no name).

Usage: ``python tools/workshop/serve.py [--host H] [--port N] [--pool N] [--cull S] [--store PATH]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import apps  # noqa: E402

PYTHON = Path(sys.executable)
DEFAULT_PORT = 8866


def lan_address() -> str:
    """This machine's first IPv4 address on an interface that is up, other than loopback ("" if none).

    Read from the interfaces (psutil); nothing is sent on the network.
    """
    import socket

    import psutil

    stats = psutil.net_if_stats()
    for name, addresses in psutil.net_if_addrs().items():
        if not stats.get(name) or not stats[name].isup:
            continue
        for address in addresses:
            if address.family == socket.AF_INET and not address.address.startswith("127."):
                return address.address
    return ""


def share_url(host: str, port: int) -> str:
    """The address participants open: the LAN address when listening on every interface."""
    if host in ("0.0.0.0", ""):
        host = lan_address() or "127.0.0.1"
    elif host == "::":
        host = "[::1]"
    return f"http://{host}:{port}/"


def command(apps_dir: Path, template_root: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
            pool: int = 1, cull: int = 120, cull_interval: int | None = None, fill_delay: float = 5.0,
            store: str = "", participant: str = "") -> tuple[list[str], dict[str, str]]:
    """The Voilà command line and environment that serve ``apps_dir`` (for ``make workshop`` and the tests)."""
    cull_interval = cull_interval or max(1, min(30, cull // 4 or 1))
    argv = [
        str(PYTHON), "-m", "voila", str(apps_dir), "--no-browser", f"--port={port}", f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        f"--template={apps.TEMPLATE}", "--theme=light", "--VoilaConfiguration.classic_tree=True",
        "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False",
        # jupyterlab-myst (for make lab) cannot load in Voilà's page; the apps' Markdown is plain.
        '--VoilaConfiguration.extension_denylist=jupyterlab-myst',
        f"--VoilaConfiguration.preheat_kernel={pool > 0}", f"--VoilaConfiguration.default_pool_size={max(pool, 0)}",
        f"--VoilaKernelManager.fill_delay={fill_delay}",
        f"--MappingKernelManager.cull_idle_timeout={cull}", f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=False", "--MappingKernelManager.cull_busy=False",
    ]
    env = {**os.environ, "LEADING_PRODUCTS_RENDER": "live",
           # Voilà finds the leading-products template under <path>/voila/templates/.
           "JUPYTER_PATH": os.pathsep.join(p for p in (str(template_root), os.environ.get("JUPYTER_PATH", "")) if p)}
    env.pop("LEADING_PRODUCTS_STORE", None)
    if store:
        env["LEADING_PRODUCTS_STORE"] = store
    if participant:
        env["LEADING_PRODUCTS_PARTICIPANT"] = participant
    return argv, env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole network)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--pool", type=int, default=1, help="preheated kernels kept ready per app (0: none)")
    parser.add_argument("--cull", type=int, default=120, help="seconds before the kernel of a closed page stops")
    parser.add_argument("--store", default="answers", help="where answers go: a folder or a postgresql:// URL "
                        "(empty: nothing is saved)")
    parser.add_argument("--chapters", nargs="*", help="serve only these chapters (default: all)")
    parser.add_argument("--target", type=Path, default=apps.TARGET, help="folder for the generated apps")
    args = parser.parse_args(argv)
    store = args.store
    if store and "://" not in store:
        store = str(Path(store).resolve())
    made = apps.make(args.target, saving=bool(store), topics=args.chapters or None)
    voila, env = command(made["apps"], args.target / "share", args.host, args.port, args.pool, args.cull, store=store)
    n = len(made["chapters"]) + len(made["tools"])
    print(f"Leading Products workshop: {len(made['chapters'])} chapters"
          + (f" and {len(made['tools'])} facilitator apps" if made["tools"] else "")
          + (f", answers saved to {store}" if store else ", answers not saved (no store)"))
    if args.pool:
        print(f"Warming {args.pool * n} kernels ({args.pool} per app): pages open in about a second "
              "once they are ready (a minute or so on a small laptop).")
    print(f"\n    Share this address: {share_url(args.host, args.port)}\n")
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print("Only this computer can open it. For the room: make workshop HOST=0.0.0.0")
    print("Ctrl+C stops the server and every kernel.", flush=True)
    os.chdir(made["apps"])
    os.execve(voila[0], voila, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
