from django.contrib.auth import views as auth_views
from django.urls import path

from . import dashboard, officer

app_name = "portal"

urlpatterns = [
    path("", dashboard.home),
    path("nop/<str:token>/", officer.submit, name="submit"),
    path("nop/<str:token>/so-trong.xlsx", officer.blank_workbook, name="blank"),
    path("nop/<str:token>/ban/<str:sha256>.xlsx", officer.download, name="own_version"),
    path("dang-nhap/", dashboard.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", dashboard.dashboard, name="dashboard"),
    path("quan-tri/don-vi/<str:code>/", dashboard.unit_page, name="unit"),
    path("quan-tri/don-vi/<str:code>/duyet/", dashboard.approve, name="approve"),
    path("quan-tri/don-vi/<str:code>/tra-lai/", dashboard.send_back, name="send_back"),
    path("quan-tri/don-vi/<str:code>/mo-lai/", dashboard.reopen, name="reopen"),
    path("quan-tri/don-vi/<str:code>/cap-lai-duong-dan/", dashboard.reissue_link, name="reissue"),
    path("quan-tri/don-vi/<str:code>/thu-hoi-duong-dan/", dashboard.revoke_link, name="revoke"),
    path("quan-tri/phien-ban/<int:version_id>/", dashboard.download_version, name="version"),
    path("quan-tri/tinh-hinh-nop.xlsx", dashboard.export_status, name="export"),
    path("quan-tri/nhac-nop/", dashboard.reminders, name="reminders"),
    path("quan-tri/ky-bao-cao/", dashboard.settings_page, name="settings"),
    path("quan-tri/nhat-ky/", dashboard.audit_log, name="audit"),
    path("quan-tri/tong-hop/", dashboard.compile_page, name="compile"),
    path("quan-tri/tong-hop/<int:job_id>/", dashboard.compile_status, name="compile_job"),
    path("quan-tri/tong-hop/<int:job_id>/tai-ve/<str:name>", dashboard.compile_download, name="compile_file"),
]
