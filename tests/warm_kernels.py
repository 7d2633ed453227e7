"""A pytest plugin (``-p tests.warm_kernels`` in pyproject.toml): nbval's kernels forked from a
pre-warmed zygote, as the build's are (``videorace.pipeline.zygote``).

nbval starts a fresh kernel per notebook and executes every cell in it; that stays so. What
changes is how the process comes to be: instead of a new Python importing ipykernel, pandas,
matplotlib, seaborn and the package (about 1.5 s of CPU per notebook), each kernel is a fork of a
process that has imported them, and read the project's data/ (``loading.preload``), and done
nothing else. The kernel then initialises, runs the notebook's cells from the first, and nbval
compares every output as before. The zygote is started by the first nbval kernel (or in-process
build, ``shared_zygote``) of each pytest process and closed when the process ends.
"""

from __future__ import annotations

import os

_warm = []  # this process's zygote, once the first nbval kernel asks for it


def _zygote():
    from videorace.pipeline import config, zygote

    if not _warm:
        _warm.append(zygote.start(tuple(zygote.notebook_imports(
            sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")))), config.DATA_DIR))
    return _warm[0]


class _Kept:
    """The process's zygote lent to one build: the build closes what ``zygote.start`` gave it
    when it ends, and this one must outlive the build."""

    def __init__(self, warm):
        self.warm = warm

    def alive(self) -> bool:
        return self.warm.alive()

    def fork(self, *args, **kwargs):
        return self.warm.fork(*args, **kwargs)

    def close(self) -> None:
        pass


def shared_zygote():
    """This process's zygote, for a build run in the test process (``conftest.run_here``): one
    zygote per pytest process instead of one per build, each of which would import ipykernel
    (and the package's dependencies) again. Its kernels are still fresh processes, with the
    build's environment and working directory; data the zygote did not preload is read by each
    kernel as usual. None where processes cannot fork."""
    warm = _zygote()
    return None if warm is None else _Kept(warm)


def pytest_configure(config):
    try:
        import nbval.kernel
    except ImportError:  # nbval not installed: nothing to warm
        return
    from videorace.pipeline import kernels, zygote

    # nbval's manager is jupyter_client's KernelManager, which QuickKernelManager extends
    assert issubclass(kernels.QuickKernelManager, nbval.kernel.KernelManager), \
        "nbval no longer starts kernels with jupyter_client's KernelManager"

    class WarmKernelManager(kernels.QuickKernelManager):
        """Forked from the zygote, and waited for without jupyter_client's fixed pauses."""

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kernel_cmd = [*kernel_cmd, *zygote.KERNEL_ARGS]
            warm = _zygote()
            if warm is None or not warm.alive():
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            zygote.adopt(self, warm, kernel_cmd, kw, os.devnull)  # nbval discards its stderr too

    nbval.kernel.KernelManager = WarmKernelManager


def pytest_unconfigure(config):
    while _warm:
        warm = _warm.pop()
        if warm is not None:
            warm.close()
