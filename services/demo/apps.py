from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "services.demo"
    label = "demo"
    verbose_name = "Demo city"
