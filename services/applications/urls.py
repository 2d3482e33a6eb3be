from django.urls import path

from . import bundle_views, info_views, printform, views

app_name = "applications"
urlpatterns = [
    path("services/<slug:slug>/apply/", views.start, name="start"),
    path("services/<slug:slug>/apply-by-post/", printform.apply_by_post, name="apply-by-post"),
    path("services/<slug:slug>/apply-by-post/form/", printform.print_form, name="print-form"),
    path("apply/continue/<str:token>/", views.resume_link, name="resume-link"),
    path("apply/<uuid:public_id>/", views.resume, name="resume"),
    path("apply/<uuid:public_id>/applicant/", views.applicant, name="applicant"),
    path("apply/<uuid:public_id>/page/<int:number>/", views.question_page, name="page"),
    path("apply/<uuid:public_id>/documents/", views.materials, name="materials"),
    path("apply/<uuid:public_id>/check/", views.check, name="check"),
    path("apply/<uuid:public_id>/submit/", views.submit, name="submit"),
    path("apply/<uuid:public_id>/delete/", views.discard, name="discard"),
    path("apply/<uuid:public_id>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("applications/", views.mine, name="mine"),
    path("applications/<str:reference>/", views.detail, name="detail"),
    path("applications/<str:reference>/submitted/", views.confirmation, name="confirmation"),
    path("applications/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<str:reference>/answer/", info_views.answer_request, name="answer"),
    path("track/", views.track, name="track"),
    # Bundles ("one thing, done once"): bundle_views.py
    path("bundles/<slug:slug>/", bundle_views.detail, name="bundle"),
    path("bundles/<slug:slug>/start/", bundle_views.start, name="bundle-start"),
    path("apply/bundle/<uuid:public_id>/", bundle_views.resume, name="bundle-resume"),
    path("apply/bundle/<uuid:public_id>/applicant/", bundle_views.applicant, name="bundle-applicant"),
    path("apply/bundle/<uuid:public_id>/page/<int:number>/", bundle_views.question_page, name="bundle-page"),
    path("apply/bundle/<uuid:public_id>/documents/", bundle_views.documents, name="bundle-documents"),
    path("apply/bundle/<uuid:public_id>/check/", bundle_views.check, name="bundle-check"),
    path("apply/bundle/<uuid:public_id>/submit/", bundle_views.submit, name="bundle-submit"),
    path("applications/bundle/<str:reference>/", bundle_views.status, name="bundle-status"),
    path("applications/bundle/<str:reference>/submitted/", bundle_views.confirmation, name="bundle-confirmation"),
    path("track/bundle/", bundle_views.track, name="bundle-track"),
]
