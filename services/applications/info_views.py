from django.http import Http404


def answer_request(request, reference):
    raise Http404
