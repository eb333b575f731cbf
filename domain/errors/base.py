"""The families of domain errors; each error's code is derived once from its class name."""

import re


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


class DomainError(Exception):
    """A command broke a rule; nothing was recorded."""

    code = "domain-rule-violated"

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Each error's code is its class name in kebab case (`NotASignatory`: `not-a-signatory`)."""
        super().__init_subclass__(**kwargs)
        if "code" not in vars(cls):
            cls.code = _kebab(cls.__name__)

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @classmethod
    def title(cls) -> str:
        return (cls.__doc__ or cls.code).strip()


class Conflict(DomainError):
    """The command does not fit the aggregate's current state."""

    code = DomainError.code  # the families were published with the base code, not their own names


class Invalid(DomainError):
    """The command's content is unacceptable whatever the state."""

    code = DomainError.code


class NotFound(DomainError):
    """The command names something the aggregate does not hold."""

    code = DomainError.code
