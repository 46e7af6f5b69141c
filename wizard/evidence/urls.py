app_name = "evidence"

urlpatterns: list = []
