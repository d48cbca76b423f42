"""An event loop in a daemon thread, so sync callers run the async request path.

Only cancelling a request bounds it (httpx timeouts are per read), so the sync API
runs the same async path as the async one, on this loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["LoopThread"]

T = TypeVar("T")


class LoopThread:
    """An event loop in a daemon thread, running the async request path for sync callers.

    Holds no reference to the engine, so a forgotten engine is still collected; its
    finalizer stops the loop, which closes its client in the loop's own thread.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.client: Any = None  # the AsyncOpenAI client bound to self.loop
        self._thread = threading.Thread(target=self._main, name="summarizer-openai", daemon=True)
        self._thread.start()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            if self.client is not None:
                self.loop.run_until_complete(self.client.close())
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # Ctrl-C in the caller stops the request too
            raise

    def stop(self) -> None:
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            if threading.current_thread() is not self._thread:
                self._thread.join(timeout=10)
