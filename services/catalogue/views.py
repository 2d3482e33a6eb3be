def home(r): pass
service_list=service_detail=service_how_to_apply=department_list=department_detail=lifeevent_list=lifeevent_detail=home
