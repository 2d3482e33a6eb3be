from django.urls import path

from . import info_views, printform, views

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
]
