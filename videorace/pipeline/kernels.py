"""jupyter_client's kernel manager and clients without the fixed waits they add to every kernel.

A kernel that starts, runs a few cells and stops spends about 0.3 s of its life in two waits that
do no work (measured on a one-cell stub notebook: 0.58 s a report, 0.3 s of it these):

- When a client waits for its kernel to be ready, jupyter_client ends by reading IOPub until
  nothing has arrived for 0.2 s, to drop the status messages of its ``kernel_info`` request.
  Nothing here needs them dropped: nbclient (under papermill) and nbval read on IOPub only the
  messages whose parent is their own request. ``ReadyAsyncClient`` and ``ReadyBlockingClient``
  leave them queued and return as soon as the kernel has answered on the shell channel and
  IOPub has shown it is connected, which are the two things that wait exists to establish.
- When a kernel is stopped, the manager polls every 0.1 s for the process to be gone, so a kernel
  that exits at once still costs a tenth of a second. ``QuickPolling`` polls every 10 ms.

Both also encrypt what kernel and client send each other (``QuickPolling.transport_encryption``):
ipykernel otherwise warns, in every kernel's log, that it runs over TCP in plain text.

``QuickAsyncKernelManager`` (the build's, ``notebooks.kernel_manager_with``) and
``QuickKernelManager`` (nbval's in the test suite, ``tests/warm_kernels.py``) have both.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.utils import ensure_async, run_sync
import zmq
from traitlets import DottedObjectName, Type

#: How often a stopping kernel is checked for having exited, in seconds (jupyter_client: 0.1).
POLL_S = 0.01
#: How long, once the kernel has answered ``kernel_info``, to wait for the first message on IOPub,
#: which shows the client's subscription is connected (jupyter_client's own wait for it).
IOPUB_CONNECTED_S = 0.2


async def wait_for_ready(client, timeout: float | None = None) -> None:
    """Return when the kernel has answered ``kernel_info`` on the shell channel and a message has
    arrived on IOPub (so that the first cell's output cannot be lost to a subscription not yet
    connected); raise RuntimeError, as jupyter_client does, when the kernel dies or ``timeout``
    seconds pass first. Unlike jupyter_client's, it does not then wait for IOPub to stay quiet
    for 0.2 s."""
    deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
    while True:
        client.kernel_info()
        try:
            reply = await ensure_async(client.shell_channel.get_msg(timeout=1))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:
                await ensure_async(client.iopub_channel.get_msg(timeout=IOPUB_CONNECTED_S))
            except Empty:
                pass  # IOPub not connected yet: ask again
            else:
                client._handle_kernel_info_reply(reply)
                return
        if not await client._async_is_alive():
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")


class ReadyAsyncClient(AsyncKernelClient):
    """The asynchronous client (papermill's, through nbclient), ready without the quiet wait."""

    wait_for_ready = wait_for_ready


class ReadyBlockingClient(BlockingKernelClient):
    """The blocking client (nbval's), ready without the quiet wait."""

    wait_for_ready = run_sync(wait_for_ready)


class QuickPolling:
    """A kernel manager mixin: wait for a stopping kernel's process in 10 ms steps, not 0.1 s."""

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        await super()._async_wait(pollinterval=min(pollinterval, POLL_S))

    def _transport_encryption_default(self) -> str:  # traitlets' name for a trait's default
        """CurveZMQ keys for each kernel whose kernelspec supports them (ipykernel's does), where
        libzmq has CurveZMQ: the configuration ipykernel's warning about plain-text TCP asks for."""
        return "auto" if zmq.has("curve") else "disabled"


class QuickAsyncKernelManager(QuickPolling, AsyncKernelManager):
    """The asynchronous manager (papermill's), with ``ReadyAsyncClient`` clients."""

    client_class = DottedObjectName(f"{__name__}.ReadyAsyncClient")
    client_factory = Type(klass=ReadyAsyncClient)


class QuickKernelManager(QuickPolling, KernelManager):
    """The blocking manager (nbval's), with ``ReadyBlockingClient`` clients."""

    client_class = DottedObjectName(f"{__name__}.ReadyBlockingClient")
    client_factory = Type(klass=ReadyBlockingClient)
