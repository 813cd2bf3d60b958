import sys

from django.apps import AppConfig
from django.conf import settings


class CommonConfig(AppConfig):
    name = "shahrvand.common"
    label = "common"

    def ready(self) -> None:
        if settings.SHAHRVAND_EMBEDDED_WORKER and "runserver" in sys.argv:
            from . import embedded

            embedded.start()
