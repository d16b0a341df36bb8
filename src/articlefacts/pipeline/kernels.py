"""The runner's kernels: started before the runner reads the notebook, over IPC sockets instead of TCP.

Only jupyter_client's public API is used (its documented methods and traits), so that an upgrade that
renames its internals cannot silently change how a kernel starts or stops.
"""

import asyncio
import atexit
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from queue import Empty

from jupyter_client import protocol_version_info
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import DottedObjectName, Type

from articlefacts.errors import ArticleFactsError
from articlefacts.paths import BUILD_DIR, ROOT

SOCKET_DIRS: list[str] = []
# A Unix socket's path holds at most 107 bytes (zmq.IPC_PATH_MAX_LEN on Linux, 103 on macOS). The longest
# socket path of a kernel is <parent>/afk-<pid>-<8 random>/k-<port>: the parent may take what is left.
SOCKET_PATH_MAX = 103
SOCKET_PREFIX = "afk-"
SOCKET_NAME_MAX = len(f"/{SOCKET_PREFIX}4194304-abcdefgh/k-65535")
# How often stop_kernel looks whether the killed kernel has exited: it is gone within milliseconds, and
# jupyter_client's own wait looks every 100 ms, which every notebook run would pay once.
EXIT_POLL = 0.005
# Run in each kernel before the first cell: warnings printed without this machine's file paths.
KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:",
                    "--IPKernelApp.exec_lines=['import articlefacts.pipeline.kernel_start']"]


def socket_parent() -> str:
    """The folder for a kernel's socket folder: the temporary folder (``$TMPDIR``), or ``/tmp`` when the
    socket paths would not fit under it (a deep ``$TMPDIR``, as on clusters and CI runners).

    Raises :class:`ArticleFactsError` when neither fits and can be written.
    """
    candidates = [tempfile.gettempdir(), "/tmp"]
    for folder in candidates:
        if len(os.fsencode(folder)) + SOCKET_NAME_MAX <= SOCKET_PATH_MAX and os.access(folder, os.W_OK | os.X_OK):
            return folder
    raise ArticleFactsError(
        f"The temporary folder {candidates[0]} is too deep for the kernel's sockets (a socket path holds at "
        f"most {SOCKET_PATH_MAX} bytes) and /tmp cannot be written",
        "set TMPDIR to a short folder you can write to, e.g. TMPDIR=/tmp make report.")


def remove_stale_socket_dirs(parent: str) -> list[str]:
    """Remove the socket folders (``afk-<pid>-…``) that runs killed outright (SIGKILL: the out-of-memory
    killer, a CI job's hard timeout) left in ``parent``: those of this user whose runner is gone. Each
    holds a kernel's connection file, with the key that signs its messages. Returns the folders removed."""
    removed = []
    for entry in Path(parent).glob(f"{SOCKET_PREFIX}*-*"):
        pid = entry.name[len(SOCKET_PREFIX):].split("-", 1)[0]
        try:
            if not pid.isdigit() or entry.stat().st_uid != os.getuid() or not entry.is_dir():
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(str(entry))
        except OSError:  # alive under another user, or vanished meanwhile
            continue
    return removed


def remove_socket_dirs() -> None:
    """Remove the socket folders of every kernel this process started (the runner calls it after each run)."""
    while SOCKET_DIRS:
        shutil.rmtree(SOCKET_DIRS.pop(), ignore_errors=True)


atexit.register(remove_socket_dirs)


class KernelNotReady(RuntimeError):
    """The kernel exited, or did not answer, before it was ready to run a cell."""


class QuickReadyClient(AsyncKernelClient):
    """jupyter_client's asynchronous client, ready once the kernel has answered ``kernel_info`` on shell
    and IOPub, without then listening on IOPub until it has been quiet for 0.2 s.

    jupyter_client's ``wait_for_ready`` ends with that quiet spell, which every notebook run paid in
    full, and two runs started together by make paid at the same moment. Nothing needs it: nbclient takes
    from IOPub only the messages whose parent is the request it sent. The check that IOPub is connected
    (one message on it after the reply; ZeroMQ drops what a subscriber publishes before it connects) is
    kept. The protocol version of the reply is adopted as jupyter_client does (``session.adapt_version``).
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Send ``kernel_info`` until the kernel replies on shell and IOPub; raise :class:`KernelNotReady`
        (a ``RuntimeError``, which nbclient expects) if it dies first or ``timeout`` seconds pass."""
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
                if reply["msg_type"] == "kernel_info_reply":
                    await self.iopub_channel.get_msg(timeout=0.2)
                    major = int(reply["content"]["protocol_version"].split(".")[0])
                    if major != protocol_version_info[0]:
                        self.session.adapt_version = major
                    return
            except Empty:
                pass
            if not await self.is_alive():
                raise KernelNotReady("it exited before it was ready")
            if time.monotonic() > deadline:
                raise KernelNotReady(f"it did not answer within {timeout} seconds")


class IPCKernelManager(AsyncKernelManager):
    """Like jupyter_client's manager, with ``transport="ipc"``: nothing listens on a port, ipykernel
    does not warn about unencrypted TCP, and a run inside a namespace without network still works.

    Socket files and the connection file live in a short private temporary folder (Unix socket paths
    are limited to about 100 bytes; see :func:`socket_parent`), removed by :func:`stop_kernel` or, failing
    that, when the process exits; a folder left by a runner that was itself killed outright is removed by
    the next run (:func:`remove_stale_socket_dirs`). The kernel's own log goes to ``build/kernels/``
    (:func:`start_kernel` makes it the kernel's stderr); :func:`stop_kernel` removes it after a run that
    succeeded.
    """

    client_class = DottedObjectName("articlefacts.pipeline.kernels.QuickReadyClient")
    client_factory = Type(QuickReadyClient, klass=AsyncKernelClient)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        parent = socket_parent()
        remove_stale_socket_dirs(parent)
        self.socket_dir = tempfile.mkdtemp(prefix=f"{SOCKET_PREFIX}{os.getpid()}-", dir=parent)
        SOCKET_DIRS.append(self.socket_dir)
        self.transport = "ipc"
        self.ip = os.path.join(self.socket_dir, "k")
        self.connection_file = os.path.join(self.socket_dir, "kernel.json")
        logs = ROOT / BUILD_DIR / "kernels"
        logs.mkdir(parents=True, exist_ok=True)
        self.log_path = logs / f"kernel-{os.getpid()}-{id(self)}.log"



def start_kernel(name: str, cwd: str | os.PathLike) -> IPCKernelManager:
    """Start the kernel ``name`` in the folder ``cwd`` and return its manager, without waiting for it.

    The runner calls this before it imports papermill and reads the notebook, so that the kernel process
    starts Python and ipykernel (about half a second of CPU) on the other core meanwhile; papermill is
    then given the manager (``km=``) and waits for the kernel to be ready. The IPython history is kept
    in memory, as nbclient does for the kernels it starts itself, and warnings are printed without the
    file they came from (:mod:`articlefacts.pipeline.kernel_start`). The kernel's stderr is its log file
    (``km.log_path``): start-up and shutdown chatter stays out of the terminal, while cell errors still
    reach the notebook through the protocol. Stop it with :func:`stop_kernel`.
    Raises :class:`ArticleFactsError` if no temporary folder can hold its sockets.
    """
    km = IPCKernelManager(kernel_name=name)
    try:
        with km.log_path.open("ab") as log:  # the kernel keeps its own copy of the file descriptor
            run_sync(km.start_kernel)(cwd=str(cwd), extra_arguments=KERNEL_ARGUMENTS, stderr=log)
    except BaseException:  # interrupted while launching: nothing may be left behind
        stop_kernel(km, keep_log=True)
        raise
    return km


async def kill_and_shut_down(km: IPCKernelManager) -> None:
    """Kill the kernel's process group, wait for it to exit (looking every :data:`EXIT_POLL` seconds), then
    let jupyter_client shut it down, which then finds it gone and does not wait (its own wait after a kill
    looks every 100 ms)."""
    await km.signal_kernel(signal.SIGKILL)
    deadline = time.monotonic() + 5  # as jupyter_client's own wait after a kill; then it takes over
    while await km.is_alive() and time.monotonic() < deadline:
        await asyncio.sleep(EXIT_POLL)
    await km.shutdown_kernel(now=True)


def stop_kernel(km: IPCKernelManager, keep_log: bool) -> None:
    """Kill the kernel at once (the notebook has ended, or the run failed) and remove its sockets and
    connection file; its log stays in ``build/kernels/`` only if ``keep_log`` (the run failed)."""
    if km.has_kernel:
        run_sync(kill_and_shut_down)(km)
    remove_socket_dirs()
    if not keep_log:
        km.log_path.unlink(missing_ok=True)
