from django.urls import path

from . import booking_views, views

app_name = "offline"
urlpatterns = [
    path("", views.centre_list, name="centre-list"),
    # Booking a visit (booking_views), before the centre pages: "bookings" is not a centre slug.
    path("book/<slug:slug>/", booking_views.book, name="book"),
    path("book/<slug:slug>/<slug:centre>/", booking_views.book_time, name="book-time"),
    path("book/<slug:slug>/<slug:centre>/details/", booking_views.book_details, name="book-details"),
    path("bookings/", booking_views.find, name="booking-find"),
    path("bookings/<str:reference>/", booking_views.booking_detail, name="booking-detail"),
    path("bookings/<str:reference>/booked/", booking_views.confirmation, name="booking-confirmation"),
    path("bookings/<str:reference>/cancel/", booking_views.cancel, name="booking-cancel"),
    path("bookings/<str:reference>/move/", booking_views.move, name="booking-move"),
    # The guide's "find a centre" (a fragment for htmx, a whole page without JavaScript).
    path("find/<slug:slug>/", views.find_centre, name="find-centre"),
    path("<slug:slug>/", views.centre_detail, name="centre-detail"),
]
