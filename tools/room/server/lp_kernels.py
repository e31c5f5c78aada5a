"""The workshop server's kernel manager: Voilà's preheated pools, with a ceiling on kernels.

Voilà refills an app's pool as soon as a page takes a kernel from it (``fill_if_needed``,
``fill_delay`` seconds later). With a big pool for the room (``--warm sequencing=30``) that
means thirty new kernels the moment thirty people arrive: twice the memory, and every core
busy running notebooks while the room is trying to work. :class:`CappedKernelManager` is the
base class Voilà builds its kernel manager on (``VoilaConfiguration.multi_kernel_manager_class``)
and keeps refills under :attr:`max_kernels` (running kernels and kernels still starting):

* a refill that would pass the ceiling starts only as many kernels as fit (none at the
  ceiling); the pool is topped up later, every :attr:`top_up_interval` seconds, as kernels of
  closed pages stop (shut down or culled);
* a participant's page is never refused or delayed by the ceiling: with an empty pool Voilà
  starts a kernel for the page as usual.

It also says in the server's log how far each pool has warmed: a line
``lp-pool: <notebook> <ready> of <size> preheated kernels have run their notebook`` each time
that count changes (:meth:`CappedKernelManager.warmed`). Voilà's own "pool is filled" comes once
the kernels have *started*, long before their notebooks have run on a small machine; the load
test (``tools/room/loadtest.py``) waits for these lines.

The manager is imported by the Voilà process from ``tools/room/server/`` (on its
``PYTHONPATH``); the module name is unique so kernels that inherit the path see no clash.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Integer

__all__ = ["CappedKernelManager"]


class CappedKernelManager(AsyncMappingKernelManager):
    """An ``AsyncMappingKernelManager`` whose Voilà subclass refills pools only under a ceiling."""

    max_kernels = Integer(0, config=True, help="Most kernels at once, counting preheated ones and "
                          "ones starting; pool refills stop there (0: no ceiling).")
    top_up_interval = Float(5.0, config=True, help="Seconds between top-ups of pools left short by the ceiling.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        voila_fill = getattr(type(self), "fill_if_needed", None)  # Voilà's, when preheating
        self._short: set[str] = set()
        self._warmed: dict[str, int] = {}
        if voila_fill is not None:
            self._warm_watch = PeriodicCallback(self._say_warmed, 1000)
            self._warm_watch.start()
        if voila_fill is None or self.max_kernels <= 0:
            return

        def fill_if_needed(delay=None, notebook_name=None, **kw):
            return self._capped_fill(voila_fill, delay, notebook_name, **kw)

        self.fill_if_needed = fill_if_needed  # Voilà's __init__ and handlers call it on the instance
        self._top_up = PeriodicCallback(lambda: self._top_up_pools(voila_fill), self.top_up_interval * 1000)
        self._top_up.start()

    def warmed(self) -> dict[str, tuple[int, int]]:
        """Per pool: (kernels whose notebook has run, kernels in the pool).

        A preheated kernel has run its notebook when Voilà's rendering of it is done, or when
        it waits for its page's request: an app's last cell (``tools/room/kernel.py``'s ``join``)
        asks for the query string, which opens Voilà's request-info socket for its kernel.
        """
        try:
            from voila.request_info_handler import RequestInfoSocketHandler
            waiting = set(RequestInfoSocketHandler._waiters)
        except Exception:  # noqa: BLE001 - another Voilà: only finished renderings count
            waiting = set()
        found = {}
        for name, pool in getattr(self, "_pools", {}).items():
            ready = 0
            for task in pool:
                try:
                    if not task.done() or task.cancelled() or task.exception() is not None:
                        continue
                    started = task.result()
                    if started["task"].done() or started["kernel_id"] in waiting:
                        ready += 1
                except Exception:  # noqa: BLE001 - a kernel that failed to start is not ready
                    continue
            found[name] = (ready, len(pool))
        return found

    def _say_warmed(self) -> None:
        for name, (ready, size) in self.warmed().items():
            if self._warmed.get(name) != ready:
                self._warmed[name] = ready
                self.log.info("lp-pool: %s %d of %d preheated kernels have run their notebook", name, ready, size)

    def kernel_count(self) -> int:
        """Kernels running plus pool kernels still starting."""
        starting = sum(1 for pool in getattr(self, "_pools", {}).values() for task in pool if not task.done())
        return len(self.list_kernel_ids()) + starting

    def _pool_size(self, notebook_name) -> int:
        default = self.kernel_pools_config.get("default", {})
        return self.kernel_pools_config.get(notebook_name, default).get("pool_size", default.get("pool_size", 1))

    def _capped_fill(self, voila_fill, delay, notebook_name, **kw):
        pool = self._pools.get(notebook_name, []) if hasattr(self, "_pools") else []
        wanted = self._pool_size(notebook_name) - len(pool)
        room = self.max_kernels - self.kernel_count()
        if wanted <= 0:
            return None
        if room >= wanted:
            self._short.discard(notebook_name)
            return voila_fill(self, delay=delay, notebook_name=notebook_name, **kw)
        self._short.add(notebook_name)
        if room <= 0:
            return None
        # Start only what fits: Voilà fills up to the configured size, so lend it a smaller one.
        saved = self.kernel_pools_config
        config = {key: dict(value) for key, value in saved.items()}
        config.setdefault(notebook_name, dict(config.get("default", {})))["pool_size"] = len(pool) + room
        self.kernel_pools_config = config
        try:
            return voila_fill(self, delay=delay, notebook_name=notebook_name, **kw)
        finally:
            self.kernel_pools_config = saved

    def _top_up_pools(self, voila_fill) -> None:
        for notebook_name in sorted(self._short):
            if self.kernel_count() >= self.max_kernels:
                return
            self._capped_fill(voila_fill, 0, notebook_name)
