"""``make workshop``: serve the chapters' live exercises (and ``workshop/``) to a room with Voilà.

Writes the apps (``tools/room/apps.py`` into ``_workshop/``), prints the address to share,
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
  with nothing saves nothing and asks no name);
* a gate (``tools/room/server/lp_gate.py``): the facilitator's apps (the dashboard, with every
  answer and the export) need the facilitator's token, made afresh at each start (or
  ``LEADING_PRODUCTS_FACILITATOR_TOKEN``) and printed once with the dashboard's link; a display
  name is bound to a key the participant's browser made at first use, so no one else can save
  as them or download their answers (hashes of the keys kept in ``names.json`` next to a
  folder store, else in ``answers/``). (Voilà itself lets a page send its kernel only its
  widgets' messages: code sent from a browser never runs; the gate's test checks it.)

Usage: ``python tools/room/serve.py [--host H] [--port N] [--pool N] [--cull S] [--store PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
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


def default_max_kernels(per_kernel_mb: int = 200, share: float = 0.6) -> int:
    """How many kernels fit in ``share`` of this machine's memory at ``per_kernel_mb`` each."""
    import psutil

    return max(4, int(psutil.virtual_memory().total * share / (per_kernel_mb * 1024 ** 2)))


def command(apps_dir: Path, template_root: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
            pool: int = 1, cull: int = 120, cull_interval: int | None = None, fill_delay: float = 5.0,
            store: str = "", participant: str = "", warm: dict[str, int] | None = None,
            max_kernels: int | None = None, token: str = "",
            names_file: str | Path = "") -> tuple[list[str], dict[str, str], Path]:
    """The Voilà command line, environment and working folder that serve ``apps_dir``.

    Used by ``make workshop``, the load test and the tests. Writes ``voila.json`` (the pools:
    ``pool`` preheated kernels per app, ``warm`` {app name: kernels} for the apps the room
    opens next, and the ceiling ``max_kernels``) into the working folder, the parent of
    ``apps_dir``, where Voilà reads it. With ``token``, the room's gate is on (``lp_gate``): the
    facilitator's apps need ``token`` and each display name its browser's key, kept in ``names_file``.
    """
    cull_interval = cull_interval or max(1, min(30, cull // 4 or 1))
    pools = {"default": {"pool_size": max(pool, 0)}}
    for name, size in (warm or {}).items():
        pools[name if name.endswith(".ipynb") else f"{name}.ipynb"] = {"pool_size": max(int(size), 0)}
    preheat = any(p["pool_size"] > 0 for p in pools.values())
    config = {"VoilaKernelManager": {"kernel_pools_config": pools, "fill_delay": fill_delay},
              "CappedKernelManager": {"max_kernels": default_max_kernels() if max_kernels is None else max_kernels}}
    if token:
        config["Voila"] = {"token": token}
        names = Path(names_file or apps_dir.parent / "names.json").resolve()
        config["RoomIdentityProvider"] = {"names_file": str(names),
                                          "facilitator_apps": [p.name for p in apps.workshop_sources()]}
    workdir = apps_dir.parent
    workdir.mkdir(parents=True, exist_ok=True)
    settings = workdir / "voila.json"  # may hold the facilitator's token: this account's alone
    fd = os.open(settings, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(config, indent=1) + "\n")
    os.chmod(settings, 0o600)
    argv = [
        str(PYTHON), "-m", "voila", str(apps_dir), "--no-browser", f"--port={port}", f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        f"--template={apps.TEMPLATE}", "--theme=light", "--VoilaConfiguration.classic_tree=True",
        "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False",
        # jupyterlab-myst (for make lab) cannot load in Voilà's page; the apps' Markdown is plain.
        "--VoilaConfiguration.extension_denylist=jupyterlab-myst",
        f"--VoilaConfiguration.preheat_kernel={preheat}", f"--VoilaConfiguration.default_pool_size={max(pool, 0)}",
        "--VoilaConfiguration.multi_kernel_manager_class=lp_kernels.CappedKernelManager",
        f"--MappingKernelManager.cull_idle_timeout={cull}", f"--MappingKernelManager.cull_interval={cull_interval}",
        "--MappingKernelManager.cull_connected=False", "--MappingKernelManager.cull_busy=False",
    ] + (["--Voila.identity_provider_class=lp_gate.RoomIdentityProvider"] if token else [])
    env = {**os.environ, "LEADING_PRODUCTS_RENDER": "live",
           # Voilà finds the leading-products template under <path>/voila/templates/.
           "JUPYTER_PATH": os.pathsep.join(p for p in (str(template_root), os.environ.get("JUPYTER_PATH", "")) if p),
           "PYTHONPATH": os.pathsep.join(p for p in (str(HERE / "server"), os.environ.get("PYTHONPATH", "")) if p)}
    env.pop("LEADING_PRODUCTS_STORE", None)
    env["LEADING_PRODUCTS_JOURNAL"] = "off"  # a room's kernels are not one learner's: no journal, even with STORE=
    if store:
        env["LEADING_PRODUCTS_STORE"] = store
    if participant:
        env["LEADING_PRODUCTS_PARTICIPANT"] = participant
    if token:
        env["LEADING_PRODUCTS_NAME_GATE"] = "1"  # kernels: the name comes from the gated link only
    return argv, env, workdir


def _warm(values: list[str]) -> dict[str, int]:
    warm = {}
    for value in values or ():
        name, _, size = value.partition("=")
        if not name or not size.isdigit():
            raise SystemExit(f"--warm takes chapter=kernels, e.g. sequencing=30 (not {value!r})")
        warm[name] = int(size)
    return warm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole network)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--pool", type=int, default=1, help="preheated kernels kept ready per app (0: none)")
    parser.add_argument("--cull", type=int, default=120, help="seconds before the kernel of a closed page stops")
    parser.add_argument("--store", default="answers", help="where answers go: a folder or a postgresql:// URL "
                        "(empty: nothing is saved)")
    parser.add_argument("--warm", nargs="*", default=[], metavar="CHAPTER=N",
                        help="a bigger pool for the chapter the room opens next, e.g. sequencing=30")
    parser.add_argument("--max-kernels", type=int, default=None,
                        help="ceiling on kernels for pool refills (default: what 60%% of memory holds)")
    parser.add_argument("--chapters", nargs="*", help="serve only these chapters (default: all)")
    parser.add_argument("--target", type=Path, default=apps.TARGET, help="folder for the generated apps")
    args = parser.parse_args(argv)
    store = args.store
    if store and "://" not in store:
        store = str(Path(store).resolve())
    made = apps.make(args.target, saving=bool(store), topics=args.chapters or None)
    warm = _warm(args.warm)
    token = os.environ.get("LEADING_PRODUCTS_FACILITATOR_TOKEN", "").strip() or secrets.token_urlsafe(24)
    names = (Path(store) if store and "://" not in store else ROOT / "answers") / "names.json"
    voila, env, workdir = command(made["apps"], args.target / "share", args.host, args.port, args.pool, args.cull,
                                  store=store, warm=warm, max_kernels=args.max_kernels, token=token,
                                  names_file=names)
    env.pop("LEADING_PRODUCTS_FACILITATOR_TOKEN", None)  # never in a kernel's environment
    n = len(made["chapters"]) + len(made["tools"])
    warming = args.pool * n + sum(size - args.pool for size in warm.values())
    print(f"Leading Products workshop: {len(made['chapters'])} chapters"
          + (f" and {len(made['tools'])} facilitator apps" if made["tools"] else "")
          + (f", answers saved to {store}" if store else ", answers not saved (no store)"))
    if warming > 0:
        print(f"Warming {warming} kernels ({args.pool} per app"
              + "".join(f", {size} for {name}" for name, size in warm.items())
              + "): pages open in a few seconds once they are ready (a minute or so on a small laptop).")
    print(f"\n    Share this address: {share_url(args.host, args.port)}\n")
    for path, title in made["tools"]:
        print(f"For you alone (the facilitator's token is in the link; do not share it):\n"
              f"    {title}: {share_url(args.host, args.port)}voila/render/{path}?token={token}\n")
    if args.host in ("127.0.0.1", "localhost", "::1"):
        print("Only this computer can open it. For the room: make workshop HOST=0.0.0.0")
    print("Ctrl+C stops the server and every kernel.", flush=True)
    os.chdir(workdir)  # Voilà reads voila.json here
    os.execve(voila[0], voila, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
