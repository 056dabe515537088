"""Debounced autosave of a form into its draft, on the worker, one save at a time.

Every edit restarts a one-second timer; when it fires the form's state is collected on the GUI
thread and written by the worker. The debounce alone would never fire while someone types
steadily (a key every 300 ms restarts it forever, and a crash then loses everything since the
form opened), so the first unsaved edit also starts a second timer that is *not* restarted: a
save happens at most ``max_wait_ms`` after any edit, however the typing goes. A save never
overlaps another (an edit during a save is written right after it), and :meth:`then` runs a
final action (finalise, submit) only once the newest state is on disk, so an older autosave can
never land after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ops import RunnerLike, Task

if TYPE_CHECKING:
    from credit.inspections.service import Inspections

AUTOSAVE_MS = 1000
#: The longest an edit waits to be written while edits keep coming (steady typing).
MAX_WAIT_MS = 2500


def run_guarded(
    owner: QObject,
    runner: RunnerLike,
    fn: Callable[[Task], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """``runner.run`` whose callbacks are skipped once ``owner`` is deleted (a form closed while
    its last save or thumbnail was still on the worker): the work is done, nobody is waiting."""

    def done(value: Any) -> None:
        if shiboken6.isValid(owner):
            on_done(value)

    def failed(exc: BaseException) -> None:
        if shiboken6.isValid(owner) and on_error is not None:
            on_error(exc)

    return runner.run(fn, on_done=done, on_error=failed if on_error is not None else None)


class Autosaver(QObject):
    saved = Signal(int)  # the draft's revision
    failed = Signal(object)  # the exception

    def __init__(
        self,
        runner: RunnerLike,
        service: Inspections,
        draft_id: str,
        collect: Callable[[], dict[str, Any]],
        *,
        interval_ms: int = AUTOSAVE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.service = service
        self.draft_id = draft_id
        self.collect = collect
        self.stopped = False
        self.revision = 0
        self.saved_data: dict[str, Any] | None = None  # what the last successful save wrote
        self._inflight: dict[str, Any] | None = None
        self._saving = False
        self._dirty = False
        self._after: Callable[[dict[str, Any]], None] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.deadline = QTimer(self)  # started by the first unsaved edit, never restarted
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(max(max_wait_ms, interval_ms))
        self.deadline.timeout.connect(self.save_now)

    @property
    def pending(self) -> bool:
        return self.timer.isActive() or self.deadline.isActive() or self._saving or self._dirty

    def edited(self) -> None:
        if not self.stopped:
            self.timer.start()  # restarted by every edit: saves a second after the last one …
            if not self.deadline.isActive():
                self.deadline.start()  # … or at the latest max_wait_ms after the first unsaved one

    def _stop_timers(self) -> None:
        self.timer.stop()
        self.deadline.stop()

    def stop(self) -> None:
        """No more saves (the draft became a record or was discarded)."""
        self.stopped = True
        self._stop_timers()
        self._dirty = False

    def save_now(self) -> None:
        self._stop_timers()
        if self.stopped:
            return
        if self._saving:
            self._dirty = True
            return
        data = self.collect()
        self._saving = True
        self._inflight = data
        service, draft_id = self.service, self.draft_id
        run_guarded(
            self, self.runner, lambda task: service.save_draft(draft_id, data), self._saved, self._failed
        )

    def then(self, action: Callable[[dict[str, Any]], None]) -> None:
        """Run ``action(newest state)`` once no save is in flight (it writes that state itself)."""
        self._stop_timers()
        self._dirty = False
        if self._saving:
            self._after = action
        else:
            action(self.collect())

    def _saved(self, revision: int) -> None:
        self._saving = False
        self.revision = revision
        self.saved_data = self._inflight
        self.saved.emit(revision)
        after, self._after = self._after, None
        if after is not None:
            after(self.collect())
        elif self._dirty:
            self._dirty = False
            self.save_now()

    def _failed(self, exc: BaseException) -> None:
        self._saving = False
        after, self._after = self._after, None
        if after is not None and isinstance(exc, LookupError):
            return
        self.failed.emit(exc)
        if after is not None:  # the final action still writes the newest state itself
            after(self.collect())


def save_then(
    service: Inspections, draft_id: str, data: dict[str, Any], action: Callable[[], Any]
) -> Callable[[Task], Any]:
    """A worker function: write ``data`` into the draft, then do ``action`` (finalise, submit)."""

    def work(task: Task) -> Any:
        service.save_draft(draft_id, data)
        return action()

    return work
