def centre_list(r): pass
centre_detail=centre_list
