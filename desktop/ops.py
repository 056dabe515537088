"""The one bridge from widgets to background work (in the spirit of Anki's ``QueryOp``).

Widgets never call the core directly: they hand a function to a runner, which runs it on a
worker thread and delivers the result, the error or progress back on the GUI thread. Widgets get
the runner injected, so tests can pass an :class:`ImmediateRunner` and stay single-threaded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop.errors import show_error

__all__ = ["ImmediateRunner", "Runner", "RunnerLike", "Task", "show_error"]

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


class Task(QObject):
    """One piece of background work: what the worker function sees and what the caller holds.

    The worker checks :attr:`cancelled` and reports :meth:`progress`; the caller may
    :meth:`cancel`. After ``cancel()`` neither ``on_done`` nor ``on_error`` is called, so a stale
    result can never overwrite a newer one; ``on_cancelled`` says when the work has really ended.
    """

    _finished = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(int, int)

    def __init__(
        self,
        on_done: Done,
        on_error: Failed,
        on_progress: Progress | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_end: Callable[[Task], None] | None = None,
        *,
        direct: bool = False,
    ) -> None:
        super().__init__()
        self._direct = direct
        self._cancel = threading.Event()
        self._on_end = on_end
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self.finished = False
        # Explicitly queued: the slots run in this object's (the GUI) thread whoever emits.
        queued = Qt.ConnectionType.QueuedConnection
        self._finished.connect(self._deliver_done, queued)
        self._failed.connect(self._deliver_error, queued)
        self._progressed.connect(self._deliver_progress, queued)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int) -> None:
        """Report progress from the worker; cheap enough to call often."""
        if self._on_progress is None or self.cancelled:
            return
        if self._direct:
            self._on_progress(done, total)
        else:
            self._progressed.emit(done, total)

    # -- GUI-thread side ------------------------------------------------------------------

    @Slot(object)
    def _deliver_done(self, value: object) -> None:
        self._end()
        if self.cancelled:
            self._notify_cancelled()
        else:
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._end()
        if self.cancelled:
            self._notify_cancelled()
        else:
            assert isinstance(exc, BaseException)
            self._on_error(exc)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and not self.cancelled and not self.finished:
            self._on_progress(done, total)

    def _end(self) -> None:
        self.finished = True
        if self._on_end is not None:
            self._on_end(self)

    def _notify_cancelled(self) -> None:
        if self._on_cancelled is not None:
            self._on_cancelled()


class RunnerLike(Protocol):
    def run(
        self,
        fn: Callable[[Task], Any],
        *,
        on_done: Done,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task: ...


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Task], Any], task: Task) -> None:
        super().__init__()
        self.fn = fn
        self.task = task

    def run(self) -> None:
        task = self.task
        if task.cancelled:  # cancelled while queued: do not even start
            self._emit(task._finished, None)
            return
        try:
            value = self.fn(task)
        except Exception as exc:  # delivered to the GUI thread, never swallowed
            self._emit(task._failed, exc)
        else:
            self._emit(task._finished, value)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is being torn down; nobody is listening
            log.debug("result of a background task dropped at shutdown")


class Runner(QObject):
    """Runs core functions on a thread pool and calls back on the GUI thread.

    ``error_parent`` is where the default error dialog appears when the caller gives no
    ``on_error``; the application sets it to the main window once there is one.
    """

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.error_parent: QWidget | None = None
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[[Task], Any],
        *,
        on_done: Done,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        task = Task(on_done, on_error or self._show, on_progress, on_cancelled, self._live.discard)
        self._live.add(task)  # keep the QObject alive until its result is delivered
        self.pool.start(_Job(fn, task))
        return task

    def cancel_all(self) -> None:
        for task in list(self._live):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the workers are idle (at exit, before the store is closed)."""
        return self.pool.waitForDone(msecs)

    def _show(self, exc: BaseException) -> None:
        show_error(self.error_parent, exc)


class ImmediateRunner:
    """Runs the function at once on the calling thread: deterministic widget tests."""

    def __init__(self) -> None:
        self.calls = 0

    def run(
        self,
        fn: Callable[[Task], Any],
        *,
        on_done: Done,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        self.calls += 1

        def fail(exc: BaseException) -> None:
            raise exc

        task = Task(on_done, on_error or fail, on_progress, on_cancelled, direct=True)
        try:
            value = fn(task)
        except Exception as exc:
            task._deliver_error(exc)
        else:
            task._deliver_done(value)
        return task
