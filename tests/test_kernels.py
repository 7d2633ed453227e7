"""videorace/pipeline/kernels.py: kernels waited for without jupyter_client's fixed pauses, on
hand-made clients whose channels answer from a script (no kernel is started)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from queue import Empty

import pytest

from videorace.pipeline import kernels
from videorace.pipeline.notebooks import kernel_manager_with

REPLY = {"msg_type": "kernel_info_reply", "content": {"status": "ok"}}
STATUS = {"msg_type": "status", "content": {"execution_state": "idle"}}


class Channel:
    """A channel whose ``get_msg`` hands out the scripted messages in turn; Empty stands for a
    time-out. It records every timeout it was asked to wait."""

    def __init__(self, script):
        self.script, self.timeouts = list(script), []

    def get_msg(self, timeout=None):
        self.timeouts.append(timeout)
        item = self.script.pop(0) if self.script else Empty
        if item is Empty:
            raise Empty
        return item


class Client:
    def __init__(self, shell, iopub, alive=True):
        self.shell_channel, self.iopub_channel = Channel(shell), Channel(iopub)
        self.alive, self.requests, self.handled = alive, 0, []

    def kernel_info(self):
        self.requests += 1

    async def _async_is_alive(self):
        return self.alive

    def _handle_kernel_info_reply(self, msg):
        self.handled.append(msg)


def wait(client, timeout=None):
    return asyncio.run(kernels.wait_for_ready(client, timeout))


def test_ready_once_the_kernel_answers_and_iopub_shows_it_is_connected():
    # jupyter_client would go on reading IOPub until it had been quiet for 0.2 s: here the second
    # status message stays queued for nbclient, which skips what its own requests did not cause.
    client = Client(shell=[REPLY], iopub=[STATUS, STATUS])
    wait(client)
    assert client.requests == 1 and client.handled == [REPLY]
    assert client.iopub_channel.timeouts == [kernels.IOPUB_CONNECTED_S]
    assert client.iopub_channel.script == [STATUS]


def test_asks_again_while_iopub_is_not_connected_or_the_reply_is_another_message():
    # round 1: the shell times out; round 2: a stray reply; round 3: the reply, but nothing on
    # IOPub yet; round 4: the reply and a status message.
    other = {"msg_type": "execute_reply", "content": {}}
    client = Client(shell=[Empty, other, REPLY, REPLY], iopub=[Empty, STATUS])
    wait(client)
    assert client.requests == 4 and client.handled == [REPLY]


def test_a_dead_kernel_is_an_error_not_a_wait():
    client = Client(shell=[Empty], iopub=[], alive=False)
    with pytest.raises(RuntimeError, match="died before replying"):
        wait(client, timeout=60)
    assert client.requests == 1


def test_a_kernel_that_never_answers_times_out():
    client = Client(shell=[Empty] * 3, iopub=[])
    with pytest.raises(RuntimeError, match="didn't respond in 0 seconds"):
        wait(client, timeout=0)


def test_a_stopping_kernel_is_polled_every_10_ms():
    class Manager:
        async def _async_wait(self, pollinterval=0.1):
            self.asked = pollinterval

    class Quick(kernels.QuickPolling, Manager):
        pass

    manager = Quick()
    asyncio.run(manager._async_wait())  # jupyter_client's 0.1 s default
    assert manager.asked == kernels.POLL_S == 0.01
    asyncio.run(manager._async_wait(pollinterval=0.001))  # a shorter one is kept
    assert manager.asked == 0.001


def test_the_builds_kernel_manager_uses_both(tmp_path: Path):
    manager = kernel_manager_with({}, tmp_path)()
    assert isinstance(manager, kernels.QuickPolling)
    assert isinstance(manager.client(), kernels.ReadyAsyncClient)


def test_nbvals_kernel_manager_uses_both():
    import nbval.kernel

    manager = nbval.kernel.KernelManager()  # tests/warm_kernels.py's, installed by pytest -p
    assert isinstance(manager, kernels.QuickPolling)
    assert isinstance(manager.client(), kernels.ReadyBlockingClient)
