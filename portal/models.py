"""What the portal remembers: the units, their links, every version, reviews, audit, compiles.

Versions are immutable: a row is written once, after its file is on disk
(see :mod:`portal.store`), and never updated. What the upper union decides
about a unit (approve, send back, reopen) lives on the unit's :class:`Review`
and in the :class:`AuditEntry` log, so no decision ever rewrites a version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Campaign(models.Model):
    """The collection round: one per portal (term, period shown to officers, deadline)."""

    term = models.CharField("Nhiệm kỳ", max_length=9)
    title = models.CharField("Kỳ báo cáo", max_length=200)
    deadline = models.DateTimeField("Hạn nộp", null=True, blank=True)

    @classmethod
    def current(cls) -> "Campaign":
        return cls.objects.order_by("id").first()


class Unit(models.Model):
    """One row of the registry (danh sách đơn vị), in registry order."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=300)
    parent = models.CharField(max_length=300)        # a code, or the top unit's outside parent name
    position = models.PositiveIntegerField()
    reports = models.BooleanField(default=True)      # a grassroots unit (leaf) that submits a workbook

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Link(models.Model):
    """A personal upload link; only the SHA-256 of its token is stored."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class Version(models.Model):
    """One stored upload of a unit: the original bytes live in the store under their sha256."""

    ACCEPTED, HAS_ERRORS = "accepted", "has_errors"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="versions")
    link = models.ForeignKey(Link, on_delete=models.PROTECT, related_name="versions")
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    filename = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=[(ACCEPTED, "Hợp lệ"), (HAS_ERRORS, "Có lỗi")])
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    findings = models.JSONField(default=list)
    figures = models.JSONField(default=dict)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "sha256"], name="one_version_per_content")]

    @property
    def clean(self) -> bool:
        return self.status == self.ACCEPTED


class Review(models.Model):
    """The upper union's decision on a unit: approved (with the version compiled) or sent back."""

    APPROVED, RETURNED = "approved", "returned"

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="review")
    state = models.CharField(max_length=16, blank=True,
                             choices=[("", "Chưa xem"), (APPROVED, "Đã duyệt"), (RETURNED, "Trả lại")])
    version = models.ForeignKey(Version, null=True, blank=True, on_delete=models.PROTECT)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class AuditEntry(models.Model):
    """Every action of an administrator, in order."""

    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=64)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    detail = models.TextField(blank=True)
    address = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class CompileJob(models.Model):
    """One Tổng hợp run, executed by a background process (see :mod:`portal.compile_job`)."""

    RUNNING, DONE, FAILED = "running", "done", "failed"

    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=16)          # "approved" or "latest"
    kind = models.CharField(max_length=16, default="dai-hoi")
    units = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=16, default=RUNNING)
    phase = models.CharField(max_length=16, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    outputs = models.JSONField(default=dict)          # label -> file name in the job's out folder

    class Meta:
        ordering = ["-created_at", "-id"]
