"""The upper union's pages (login required): status of every unit, review, exports, Tổng hợp."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import compile_job, exports, links, ratelimit, store
from .forms import ApproveForm, CampaignForm, CompileForm, FilterForm, LoginForm, ReturnForm
from .models import AuditEntry, Campaign, CompileJob, Review, Unit, Version
from .status import COUNTED, LABELS, NOT_SUBMITTED, UnitStatus, unit_status


def audit(request, action: str, unit: Unit | None = None, detail: str = "") -> None:
    AuditEntry.objects.create(user=request.user if request.user.is_authenticated else None, action=action,
                              unit=unit, detail=detail, address=ratelimit.client_address(request))


class LoginView(auth_views.LoginView):
    """Django's login, refused for a while after too many failures from one address.

    Failed and refused attempts go to the audit log with the user name typed
    (never the password), so the upper union sees someone guessing.
    """

    template_name = "portal/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if ratelimit.blocked("login", request):
            form = self.get_form()
            form.errors.clear()
            audit(request, "dang_nhap_bi_chan", detail=_typed_name(request))
            return self.render_to_response(self.get_context_data(
                form=form, blocked="Đã đăng nhập sai quá nhiều lần. Hãy đợi 15 phút rồi thử lại."), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.failed("login", self.request)
        audit(self.request, "dang_nhap_sai", detail=_typed_name(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        audit(self.request, "dang_nhap")
        return response


def _typed_name(request) -> str:
    return f"Tên đăng nhập đã gõ: {request.POST.get('username', '')[:150]}"


@dataclass
class Row:
    unit: Unit
    group: Unit | None
    state: UnitStatus
    review: Review | None


def rows() -> list[Row]:
    """Every reporting unit with its status, in registry order."""
    campaign = Campaign.current()
    units = list(Unit.objects.all())
    by_code = {u.code: u for u in units}
    out = []
    light = Prefetch("versions", queryset=Version.objects.defer("findings", "figures"))
    for unit in Unit.objects.filter(reports=True).prefetch_related(light).select_related("review"):
        review = getattr(unit, "review", None)
        parent = by_code.get(unit.parent)
        group = parent if parent is not None and parent.parent in by_code else None
        out.append(Row(unit, group, unit_status(list(unit.versions.all()), review, campaign.deadline), review))
    return out


@login_required
def dashboard(request):
    all_rows = rows()
    groups = {r.group.code: r.group.name for r in all_rows if r.group}
    form = FilterForm(request.GET or None, groups=list(groups.items()))
    shown = all_rows
    if form.is_valid():
        status, group, q = form.cleaned_data["status"], form.cleaned_data["group"], form.cleaned_data["q"].strip()
        shown = [r for r in shown if (not status or r.state.status == status)
                 and (not group or (r.group and r.group.code == group))
                 and (not q or q.lower() in r.unit.code.lower() or q.lower() in r.unit.name.lower())]
    counts = {key: sum(1 for r in all_rows if r.state.status == key) for key in LABELS}
    done = sum(counts[key] for key in COUNTED)
    total = len(all_rows)
    context = {"rows": shown, "form": form, "counts": [(key, LABELS[key], n) for key, n in counts.items()],
               "done": done, "total": total, "percent": round(100 * done / total) if total else 0,
               "late": sum(1 for r in all_rows if r.state.late), "campaign": Campaign.current(),
               "by_group": bool(groups)}
    template = "portal/dashboard_table.html" if request.headers.get("HX-Request") else "portal/dashboard.html"
    return render(request, template, context)


@login_required
def unit_page(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    versions = list(unit.versions.all())
    review = Review.objects.filter(unit=unit).first()
    state = unit_status(versions, review, Campaign.current().deadline)
    shown = state.version or state.latest
    return render(request, "portal/unit.html", {
        "unit": unit, "versions": versions, "review": review, "state": state, "shown": shown,
        "return_form": ReturnForm(), "campaign": Campaign.current(),
        "new_link": request.session.pop(f"new-link-{unit.code}", None),
        "has_link": unit.links.filter(revoked_at__isnull=True).exists(),
        "audit": AuditEntry.objects.filter(unit=unit)[:20],
    })


@login_required
@require_POST
def approve(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        raise Http404()
    version = get_object_or_404(Version, id=form.cleaned_data["version"], unit=unit)
    with transaction.atomic():
        Review.objects.update_or_create(unit=unit, defaults={"state": Review.APPROVED, "version": version,
                                                             "comment": ""})
        audit(request, "duyet", unit, f"Bản {version.sha256[:12]} nộp lúc "
                                      f"{timezone.localtime(version.uploaded_at):%d/%m/%Y %H:%M}"
                                      + (" (có lỗi, cấp trên vẫn chấp nhận)" if not version.clean else ""))
    messages.success(request, f"Đã duyệt sổ của {unit.name}.")
    return redirect("portal:unit", code=unit.code)


@login_required
@require_POST
def send_back(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")
        return redirect("portal:unit", code=unit.code)
    with transaction.atomic():
        Review.objects.update_or_create(unit=unit, defaults={"state": Review.RETURNED, "version": None,
                                                             "comment": form.cleaned_data["comment"]})
        audit(request, "tra_lai", unit, form.cleaned_data["comment"])
    messages.success(request, f"Đã trả lại sổ của {unit.name}; đơn vị sẽ thấy lý do khi mở đường dẫn nộp.")
    return redirect("portal:unit", code=unit.code)


@login_required
@require_POST
def reopen(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    with transaction.atomic():
        Review.objects.filter(unit=unit).update(state="", version=None, comment="")
        audit(request, "mo_lai", unit)
    messages.success(request, f"Đã mở lại: {unit.name} có thể được duyệt lại từ đầu.")
    return redirect("portal:unit", code=unit.code)


@login_required
@require_POST
def reissue_link(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    token = links.issue(unit)
    audit(request, "cap_lai_duong_dan", unit)
    request.session[f"new-link-{unit.code}"] = links.url(request.build_absolute_uri("/"), token)
    return redirect("portal:unit", code=unit.code)


@login_required
@require_POST
def revoke_link(request, code: str):
    unit = get_object_or_404(Unit, code=code)
    links.revoke(unit)
    audit(request, "thu_hoi_duong_dan", unit)
    messages.success(request, "Đã thu hồi đường dẫn nộp của đơn vị; đường dẫn cũ không còn dùng được.")
    return redirect("portal:unit", code=unit.code)


@login_required
def download_version(request, version_id: int):
    version = get_object_or_404(Version, id=version_id)
    audit(request, "tai_ban_nop", version.unit, version.sha256)
    return FileResponse(store.open_blob(version.sha256), as_attachment=True,
                        filename=f"{version.unit.code}-{timezone.localtime(version.uploaded_at):%Y%m%d-%H%M%S}.xlsx")


@login_required
def export_status(request):
    data = exports.status_workbook(rows(), Campaign.current())
    audit(request, "xuat_trang_thai")
    return FileResponse(io.BytesIO(data), as_attachment=True, filename="tinh-hinh-nop.xlsx")


@login_required
def reminders(request):
    """Units not yet submitted, each with a fresh link, as text ready to paste into a message."""
    pending = [r for r in rows() if r.state.status == NOT_SUBMITTED]
    lines = None
    if request.method == "POST":
        base = request.build_absolute_uri("/")
        lines = [f"{r.unit.name} ({r.unit.code}): {links.url(base, links.issue(r.unit))}" for r in pending]
        audit(request, "danh_sach_nhac_nop", detail=f"Cấp lại đường dẫn cho {len(pending)} đơn vị chưa nộp.")
    return render(request, "portal/reminders.html", {"pending": pending, "lines": lines,
                                                      "campaign": Campaign.current()})


@login_required
def settings_page(request):
    campaign = Campaign.current()
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit(request, "sua_ky_bao_cao", detail=f"{campaign.title}; hạn nộp {campaign.deadline}")
        messages.success(request, "Đã lưu kỳ báo cáo và hạn nộp.")
        return redirect("portal:dashboard")
    return render(request, "portal/settings.html", {"form": form, "campaign": campaign})


@login_required
def audit_log(request):
    return render(request, "portal/audit.html", {"entries": AuditEntry.objects.select_related("user", "unit")[:500]})


@login_required
def compile_page(request):
    form = CompileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = CompileJob.objects.create(user=request.user, source=form.cleaned_data["source"],
                                        kind=form.cleaned_data["kind"])
        audit(request, "tong_hop", detail=f"{compile_job.SOURCES[job.source]}; {compile_job.KINDS[job.kind]}")
        compile_job.start(job)
        return redirect("portal:compile_job", job_id=job.id)
    approved = Review.objects.filter(state=Review.APPROVED).count()
    return render(request, "portal/compile.html", {"form": form, "approved": approved,
                                                    "jobs": CompileJob.objects.all()[:10]})


@login_required
def compile_status(request, job_id: int):
    job = get_object_or_404(CompileJob, id=job_id)
    template = "portal/compile_progress.html" if request.headers.get("HX-Request") else "portal/compile_job.html"
    return render(request, template, {"job": job, "kind_label": compile_job.KINDS.get(job.kind, job.kind),
                                      "source_label": compile_job.SOURCES.get(job.source, job.source)})


@login_required
def compile_download(request, job_id: int, name: str):
    job = get_object_or_404(CompileJob, id=job_id, state=CompileJob.DONE)
    if name not in job.outputs.values():
        raise Http404()
    audit(request, "tai_ket_qua_tong_hop", detail=name)
    return FileResponse(open(compile_job.job_dir(job.id) / "ket-qua" / name, "rb"), as_attachment=True,
                        filename=name)


def home(request):
    return redirect(reverse("portal:dashboard"))
