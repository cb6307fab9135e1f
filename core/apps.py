from collections.abc import Mapping

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared foundations"

    def ready(self) -> None:
        _strict_json_fields()


def _strict_json_fields() -> None:
    """DRF takes ``0`` where a string is due (``"0"``) and an object where a list is (its keys);
    the API's schema says string and array, and the API refuses exactly what its schema rules
    out, so a text field takes only a string and a many-field only a list. The API takes JSON
    only, so no form input arrives here as anything but what it parsed to."""
    from rest_framework import relations, serializers

    char_to_internal = serializers.CharField.to_internal_value

    def char_to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return char_to_internal(self, data)

    many_to_internal = relations.ManyRelatedField.to_internal_value

    def many_to_internal_value(self, data):
        if isinstance(data, Mapping):
            self.fail("not_a_list", input_type=type(data).__name__)
        return many_to_internal(self, data)

    serializers.CharField.to_internal_value = char_to_internal_value
    relations.ManyRelatedField.to_internal_value = many_to_internal_value
