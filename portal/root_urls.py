"""The site's URLs: the portal app under its namespace (settings.ROOT_URLCONF)."""

from django.urls import include, path

urlpatterns = [path("", include("portal.urls", namespace="portal"))]
