"""A kernel manager that connects to the kernel over IPC sockets in the build folder."""

import os

from jupyter_client.manager import AsyncKernelManager

from articlefacts.paths import BUILD_DIR, ROOT


class IPCKernelManager(AsyncKernelManager):
    """Like jupyter_client's manager, with ``transport="ipc"`` and its socket files under build/."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        sockets = ROOT / BUILD_DIR / "kernels"
        sockets.mkdir(parents=True, exist_ok=True)
        self.transport = "ipc"
        self.ip = str(sockets / f"kernel-{os.getpid()}-{id(self)}")
        self.log_path = sockets / f"kernel-{os.getpid()}-{id(self)}.log"

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        """Start the kernel with its own log file as stderr: its start-up and shutdown chatter stays
        out of the terminal, while cell errors still reach the notebook through the protocol."""
        with self.log_path.open("ab") as log:
            kw["stderr"] = log
            await super()._async_launch_kernel(kernel_cmd, **kw)
