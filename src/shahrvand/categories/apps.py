from django.apps import AppConfig


class CategoriesConfig(AppConfig):
    name = "shahrvand.categories"
    label = "categories"
    verbose_name = "دسته‌بندی گزارش‌ها"
