"""Kernels forked from a pre-warmed process, so a report does not pay for Python, ipykernel, pandas
and matplotlib starting up.

A build starts one zygote as its first step, so that its imports overlap with the build's own: a
clean process (it never runs a notebook) that imports the kernel's heavy modules once, reads the
build's data once (checked and typed, for ``videorace.data.load``), and then waits. For each report
the build asks it for a kernel; the zygote forks, and the child becomes an ordinary ipykernel on
the connection file jupyter_client wrote, in its own session, with the report's environment and
working directory. Every report therefore still gets a fresh process
whose state comes from the same imports and nothing else, while the zygote's next child is ready at
once. The build's threads share the zygote (``Zygote.fork`` takes one request at a time). Where
``fork`` is unavailable, or the zygote has died, kernels start the ordinary way.

Run as ``python -m videorace.pipeline.zygote``: JSON requests on stdin, one per line, each answered
with ``{"pid": N}`` on stdout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

#: Imported by every zygote: what every kernel imports when it starts. Beyond the kernel app and
#: class, the kernel imports these only while it initialises, so they must be named: the debugger
#: (ipykernel's, with debugpy's 150 modules, and IPython's pdb), psutil, the completer and the
#: storemagic extension, about 0.15 s that every kernel would otherwise pay after the fork
#: (``tests/test_build.py`` compares a kernel's modules with the zygote's).
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger",
                  "IPython.core.debugger", "IPython.core.completerlib", "IPython.core.oinspect",
                  "IPython.extensions.storemagic", "psutil", "tornado.platform.asyncio")
#: Added to the command of every kernel the project starts (a report's, nbval's), forked or not:
#: no IPython history. A kernel otherwise records every cell in the user's own history database
#: (~/.ipython), in a new session per report, and writes it out from a thread after each cell.
KERNEL_ARGS = ("--HistoryManager.enabled=False",)
#: Imported too when a notebook imports from the package: its heavy dependencies and the inline
#: backend the kernel then loads for charts.
PACKAGE_MODULES = ("pandas", "matplotlib.pyplot", "seaborn", "matplotlib_inline.backend_inline",
                   "videorace.data.loading")


def notebook_imports(paths) -> list[str]:
    """The modules the notebooks at ``paths`` import in their code cells (``import x``, ``from x
    import y``, and ``x.y`` for each such ``y``, which may be a submodule or just a name: the
    zygote skips what is not a module), sorted, plus what importing the package or its heavy
    dependencies brings (``PACKAGE_MODULES``). A zygote preloads these: a notebook that imports
    nothing heavy (the pipeline's stub notebooks) costs the zygote nothing heavy either. Nothing
    is imported here."""
    import ast
    import json

    found: set[str] = set()
    for path in paths:
        cells = json.loads(open(path, encoding="utf-8").read()).get("cells", [])
        for cell in cells:
            if cell.get("cell_type") != "code":
                continue
            try:
                tree = ast.parse("".join(cell.get("source", "")))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module)
                    found.update(f"{node.module}.{a.name}" for a in node.names)
    if any(m.split(".")[0] in ("videorace", "pandas", "matplotlib", "seaborn") for m in found):
        found.update(PACKAGE_MODULES)
    return sorted(found)


class ForkedKernel:
    """What jupyter_client needs of a kernel process (Popen's interface) for a child of the
    zygote: the zygote reaps it, so it is alive while its pid exists."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # its exit status went to the zygote
        return self.returncode

    def wait(self, timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Zygote:
    """The build's side: starts the zygote process, preloading ``modules`` and the dataset at
    ``data_dir`` (``videorace.data.loading.preload``, when the modules include the package), and
    asks it for kernels, one request at a time whichever thread asks."""

    def __init__(self, modules: tuple[str, ...] = (), data_dir: str | os.PathLike | None = None):
        import threading

        self.lock = threading.Lock()
        self.process = subprocess.Popen(command(modules, data_dir),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        start_new_session=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, argv: list[str], env: dict, cwd: str, log: str) -> ForkedKernel:
        request = {"argv": argv, "env": env, "cwd": str(cwd), "log": log}
        with self.lock:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            reply = self.process.stdout.readline()
        if not reply:
            raise OSError("the kernel zygote has exited")
        return ForkedKernel(json.loads(reply)["pid"])

    def close(self) -> None:
        if self.alive():
            self.process.stdin.close()
            self.process.wait(timeout=10)


def adopt(manager, warm: Zygote, kernel_cmd: list[str], kw: dict, log: str) -> None:
    """Start the kernel a jupyter_client kernel ``manager`` is launching as a child of ``warm``
    instead of a new process: the body of a kernel manager's ``_async_launch_kernel``, given the
    command with ``KERNEL_ARGS`` already added."""
    process = warm.fork(kernel_cmd, kw["env"], kw.get("cwd") or os.getcwd(), log)
    provisioner = manager.provisioner
    provisioner.process, provisioner.pid = process, process.pid
    provisioner.pgid, provisioner.cwd = process.pid, kw.get("cwd")
    manager._reconcile_connection_info(provisioner.connection_info)


def start(modules: tuple[str, ...] = (), data_dir: str | os.PathLike | None = None) -> Zygote | None:
    """A zygote preloading ``modules`` (``notebook_imports``) besides the kernel's own, and the
    dataset at ``data_dir`` the kernels will read; None where processes cannot fork. The caller
    closes it."""
    return Zygote(tuple(modules), data_dir) if hasattr(os, "fork") else None


def _child(request: dict) -> None:
    """In the forked child: become the kernel the request describes; never return."""
    try:
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"], JPY_PARENT_PID=str(os.getppid()))
        null = os.open(os.devnull, os.O_RDONLY)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        argv = request["argv"]
        sys.argv = ["ipykernel_launcher", *argv[argv.index("ipykernel_launcher") + 1:]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    finally:
        os._exit(0)


def serve(modules: list[str], data_dir: str | None = None) -> None:
    """The zygote: preload the kernel's modules and ``modules`` (and, when they include the
    package's data loader, the dataset at ``data_dir``), then fork a kernel per request until
    stdin closes."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # Read by ipykernel when it is imported (below): each kernel exits when its parent, this
    # zygote, goes away, and the zygote ends when its worker does.
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    # debugpy, imported with ipykernel's debugger, warns on stderr (the build's terminal) that
    # Python's frozen modules may hide breakpoints; reports are not debugged.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    for module in (*KERNEL_MODULES, *modules):
        try:
            __import__(module)
        except ImportError:  # 'x.y' where y is a name in x, not a submodule; or a bad import,
            pass  # which the notebook's own kernel will report where it happens
    loading = sys.modules.get("videorace.data.loading")
    if data_dir and loading is not None:
        loading.preload(data_dir)  # each kernel's data.load() then copies instead of reading
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        sys.stdout.write(json.dumps({"pid": pid}) + "\n")
        sys.stdout.flush()
    # Stdin closed: the build is done with it. Nothing is left to write or release, and tearing
    # down everything it preloaded would keep the build waiting (``Zygote.close``) 0.3 s for
    # nothing, so the process ends here.
    os._exit(0)


def command(modules: tuple[str, ...] = (), data_dir: str | os.PathLike | None = None) -> list[str]:
    """The zygote's command line: ``[--data DIR] MODULE...``, read back by ``arguments``."""
    data = ["--data", str(data_dir)] if data_dir else []
    return [sys.executable, "-m", "videorace.pipeline.zygote", *data, *modules]


def arguments(argv: list[str]) -> tuple[list[str], str | None]:
    """The modules and the data directory of a zygote's command line (without the program)."""
    if argv[:1] == ["--data"]:
        return argv[2:], argv[1]
    return argv, None


if __name__ == "__main__":
    serve(*arguments(sys.argv[1:]))
