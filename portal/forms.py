"""The forms of the portal (Django forms: validation and CSRF come with them)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .compile_job import KINDS, SOURCES
from .models import Campaign
from .status import LABELS


class UploadForm(forms.Form):
    file = forms.FileField(label="Sổ báo cáo đã điền (.xlsx)")


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="Tên đăng nhập", widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(label="Mật khẩu", strip=False, widget=forms.PasswordInput)


class ReturnForm(forms.Form):
    comment = forms.CharField(label="Lý do trả lại (đơn vị sẽ thấy khi mở đường dẫn nộp)",
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CompileForm(forms.Form):
    source = forms.ChoiceField(label="Tổng hợp từ", choices=list(SOURCES.items()), widget=forms.RadioSelect,
                               initial="approved")
    kind = forms.ChoiceField(label="Loại báo cáo", choices=list(KINDS.items()), initial="dai-hoi")


class CampaignForm(forms.ModelForm):
    deadline = forms.DateTimeField(label="Hạn nộp (ngày/tháng/năm giờ:phút)", required=False,
                                   input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y"],
                                   widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M"))

    class Meta:
        model = Campaign
        fields = ["title", "deadline"]


class FilterForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả"), *LABELS.items()])
    group = forms.ChoiceField(label="Nhóm", required=False)
    q = forms.CharField(label="Tìm mã hoặc tên", required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "Tất cả"), *groups]
