"""Công đoàn điện tử: the collection portal (``baocao serve``).

Every unit of the registry gets a personal upload link; the officer uploads
the filled workbook and is answered at once with the same rules as
``baocao check``; the upper union sees who has submitted, approves or sends
back, and compiles from the browser. The workbook stays the form; the
portal is only how it travels. Django brings authentication, sessions, CSRF,
forms and migrations; htmx (static/portal/htmx.min.js: version 2.0.11 of
the npm package htmx.org, licence 0BSD, served by the portal itself, no CDN)
filters the status table and refreshes the compile progress.
"""
