"""The combined PDF of a 10,000-row batch: what the clerk waits for after 导出并打印 PDF.

The rows are the scroll benchmark's (80 % pass, 15 % with a reason, 5 % unknown), built in
memory. The figure is the whole PDF (layout, wrapping, page furniture, writing); the baseline
is the XLSX export of the same rows, in the same run. No budget is set in the architecture; the
audit measured 16.4 s before the cells became pre-wrapped strings (a Paragraph per long cell
was wrapped again on every page split). Runs without the large cache::

    .venv/bin/python -m tests.bench.bench_batch_pdf
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench.bench_batch_table import ROWS, _result
from tests.bench.common import report, timed

REPEAT = 2


def run() -> bool:
    from credit.batch_check import export_pdf, export_xlsx

    result = _result(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        pdf, xlsx = Path(tmp) / "batch.pdf", Path(tmp) / "batch.xlsx"
        baseline = timed(lambda: export_xlsx(result, xlsx), REPEAT)
        figure = timed(lambda: export_pdf(result, pdf), REPEAT)
        pages = pdf.read_bytes().count(b"/Type /Page\n")
    return report(f"batch PDF, {ROWS:,} rows ({pages} pages)", figure, None, baseline, "XLSX of the same")


if __name__ == "__main__":
    run()
