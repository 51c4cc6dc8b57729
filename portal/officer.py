"""The officer's side: one page per upload link, no account; the link's token is the credential.

The same URL answers a browser (a plain form, so it works in any browser an
officer has) and a script (``Accept: application/json``). Uploads need no CSRF token:
whoever can forge the request already holds the link, which is the only
credential there is.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from addin.embed import embed
from workbook_templates import build_workbook, template_data

from . import links, ratelimit, store
from .forms import UploadForm
from .models import Campaign, Review, Unit, Version
from .status import unit_status
from .verdict import ACCEPTED, HAS_ERRORS, REJECTED, Verdict, judge

TOO_MANY = "Đã có quá nhiều lần mở đường dẫn sai từ máy này. Hãy đợi ít phút rồi thử lại."
UNKNOWN = ("Đường dẫn nộp báo cáo không đúng hoặc đã bị thu hồi. Hãy dùng đường dẫn mới nhất "
           "mà công đoàn cấp trên gửi cho đơn vị.")


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request, status: int, reason: str):
    if wants_json(request):
        return JsonResponse({"status": REJECTED, "errors": 0, "warnings": 0, "findings": [], "sha256": "",
                             "reason": reason}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "portal/officer_refused.html", {"reason": reason}, status=status)


def _link(request, token: str):
    """The live link of ``token``, or a refusal response (counted against the client's address)."""
    if ratelimit.blocked("token", request):
        return None, _refuse(request, 429, TOO_MANY)
    link = links.find(token)
    if link is None:
        ratelimit.failed("token", request)
        return None, _refuse(request, 404, UNKNOWN)
    return link, None


def _context(link, unit: Unit, result: dict | None = None) -> dict:
    campaign = Campaign.current()
    versions = list(unit.versions.all())
    review = Review.objects.filter(unit=unit).first()
    state = unit_status(versions, review, campaign.deadline)
    return {"unit": unit, "campaign": campaign, "state": state, "versions": versions, "review": review,
            "parent": Unit.objects.filter(code=unit.parent).first(), "result": result,
            "limit_mb": settings.UPLOAD_LIMIT // (1024 * 1024)}


@csrf_exempt
def submit(request, token: str):
    link, refusal = _link(request, token)
    if refusal:
        return refusal
    unit = link.unit
    if request.method == "POST":
        return _upload(request, link, unit)
    if request.method != "GET":
        return HttpResponse(status=405)
    if wants_json(request):
        ctx = _context(link, unit)
        return JsonResponse({"unit": unit.code, "name": unit.name, "status": ctx["state"].status,
                             "label": ctx["state"].label}, json_dumps_params={"ensure_ascii": False})
    return render(request, "portal/officer.html", _context(link, unit))


def blank_workbook(request, token: str):
    """The unit's blank workbook with its code, name, parent and term, as ``baocao template`` makes it.

    Like every workbook the product hands to a branch, it carries the xlwings
    Lite add-in, so the officer can run Kiểm tra in Excel before uploading.
    """
    link, refusal = _link(request, token)
    if refusal:
        return refusal
    unit = link.unit
    parent = Unit.objects.filter(code=unit.parent).first()
    data = template_data(unit.code, unit.name, parent.name if parent else unit.parent, Campaign.current().term)
    folder = Path(tempfile.mkdtemp(prefix="so-trong-"))
    path = embed(build_workbook(folder / f"{unit.code}.xlsx", data), folder / f"{unit.code}.xlsx")
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=f"{unit.code}.xlsx")
    path.unlink()       # the open handle keeps the bytes until the response is sent
    folder.rmdir()
    return response


def download(request, token: str, sha256: str):
    """One of the unit's own versions, byte for byte (never another unit's)."""
    link, refusal = _link(request, token)
    if refusal:
        return refusal
    version = link.unit.versions.filter(sha256=sha256).first()
    if version is None:
        raise Http404()
    return FileResponse(store.open_blob(version.sha256), as_attachment=True,
                        filename=f"{link.unit.code}-{version.uploaded_at:%Y%m%d-%H%M%S}.xlsx")


def _upload(request, link, unit: Unit):
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > settings.UPLOAD_LIMIT + 64 * 1024:
        return _answer(request, link, unit, Verdict(REJECTED, _too_large()), "", 413)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _answer(request, link, unit, Verdict(REJECTED, "Chưa chọn tệp sổ báo cáo để nộp."), "", 400)
    upload = form.cleaned_data["file"]
    try:
        tmp, sha256, size = store.receive(upload.chunks(), settings.UPLOAD_LIMIT)
    except store.TooLarge:
        return _answer(request, link, unit, Verdict(REJECTED, _too_large()), "", 413)
    try:
        verdict = judge(tmp, unit.code, unit.name, Campaign.current().term)
        if verdict.status == REJECTED:
            return _answer(request, link, unit, verdict, sha256, 422)
        store.keep(tmp, sha256)
    finally:
        tmp.unlink(missing_ok=True)
    duplicate = unit.versions.filter(sha256=sha256).first()
    if duplicate is None:
        try:
            with transaction.atomic():
                Version.objects.create(unit=unit, link=link, sha256=sha256, size=size,
                                       filename=(upload.name or "")[:255], status=verdict.status,
                                       errors=verdict.errors, warnings=verdict.warnings,
                                       findings=verdict.findings, figures=verdict.figures)
                Review.objects.filter(unit=unit, state=Review.RETURNED).update(state="")
        except IntegrityError:      # the same file uploaded twice at the same moment
            duplicate = unit.versions.filter(sha256=sha256).first()
    return _answer(request, link, unit, verdict, sha256, 200, duplicate)


def _too_large() -> str:
    return (f"Tệp quá lớn (giới hạn {settings.UPLOAD_LIMIT // (1024 * 1024)} MB). Sổ báo cáo thường chỉ vài "
            "trăm KB: hãy kiểm tra lại có đúng là sổ báo cáo không (không chèn ảnh vào sổ).")


def _answer(request, link, unit, verdict: Verdict, sha256: str, status: int, duplicate=None):
    findings = [{k: f[k] for k in ("severity", "rule", "sheet", "cell", "message")} for f in verdict.findings]
    if wants_json(request):
        return JsonResponse({"status": verdict.status, "errors": verdict.errors, "warnings": verdict.warnings,
                             "findings": findings, "sha256": sha256, "reason": verdict.reason,
                             "duplicate": duplicate is not None},
                            status=status, json_dumps_params={"ensure_ascii": False})
    result = {"verdict": verdict, "sha256": sha256, "duplicate": duplicate,
              "received": verdict.status in (ACCEPTED, HAS_ERRORS)}
    return render(request, "portal/officer.html", _context(link, unit, result), status=status)
