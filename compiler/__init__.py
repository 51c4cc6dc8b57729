"""The ``baocao`` command and the compiler: many branch workbooks in, one consolidated workbook out.

Entry point: :func:`compiler.pipeline.compile_directory` (``baocao compile``).
The pipeline's parts, each with one job:

- :mod:`.collect` — find the workbooks of a folder; read and validate each one
  in a worker process into a small summary (:mod:`workbook_templates.xlsx` reads the file);
- :mod:`.completeness` — match the files against the registry: đã nộp, chưa nộp,
  lỗi tệp, không có trong danh sách, nộp trùng;
- :mod:`.aggregate` — add units up by indicator kind; :mod:`.period` — the
  reporting period; :mod:`.provenance` — which cells each figure came from;
- :mod:`.consolidated` — write ``tong-hop.xlsx`` (:mod:`.rows` lays out its
  per-unit tables, :mod:`.xlsx_stream` streams them, :mod:`.tables` names the
  tables the next level reads back); :mod:`.spool` keeps memory flat;
- :mod:`.messages`, :mod:`.progress` — what the command prints;
- :mod:`compiler.report` — the Word reports.
"""
