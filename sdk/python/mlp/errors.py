"""The exceptions of the SDK; the CLI turns each into one line and an exit code."""

from __future__ import annotations

from typing import Optional

__all__ = [
    "MlpError",
    "NotLoggedIn",
    "AuthenticationFailed",
    "PermissionDenied",
    "NotFound",
    "Rejected",
    "InvalidInput",
    "PortalUnreachable",
]


class MlpError(Exception):
    """Anything that went wrong talking to the portal.

    ``message`` is what to show (for a refusal, the portal's own message),
    ``status`` the HTTP status when the portal answered one, ``portal_message``
    the portal's message exactly as sent (None when it sent none).
    """

    #: The CLI's exit code for this kind of error.
    default_exit_code = 1

    def __init__(
        self,
        message: str,
        status: Optional[int] = None,
        *,
        portal_message: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.portal_message = portal_message

    @property
    def exit_code(self) -> int:
        return self.default_exit_code

    def __str__(self) -> str:
        return self.message


class NotLoggedIn(MlpError):
    """No portal URL or token: neither given, nor in the environment, nor stored by ``mlp login``."""

    default_exit_code = 3


class AuthenticationFailed(MlpError):
    """The portal refused the token (HTTP 401): it is wrong or has expired."""

    default_exit_code = 3


class PermissionDenied(MlpError):
    """The portal does not let this user do that (HTTP 403), e.g. another team's quota."""


class NotFound(MlpError):
    """No such job, team or API (HTTP 404)."""


class Rejected(MlpError):
    """The portal refused the request as it stands (HTTP 409), e.g. over quota or over budget.

    The message carries the figures the portal gave.
    """


class InvalidInput(MlpError):
    """An input is wrong: found by the portal (HTTP 400) or before sending (``status`` None).

    ``field`` names the input (a CLI flag such as ``--gpu``, an SDK argument
    such as ``gpus``, or the portal's field) when known.
    """

    def __init__(
        self,
        message: str,
        status: Optional[int] = None,
        *,
        field: Optional[str] = None,
        portal_message: Optional[str] = None,
    ) -> None:
        super().__init__(message, status, portal_message=portal_message)
        self.field = field

    @classmethod
    def of(cls, field: str, problem: str) -> "InvalidInput":
        """A local check's finding, shown as ``<field>: <problem>``."""
        return cls(f"{field}: {problem}", field=field)

    @property
    def exit_code(self) -> int:
        # Caught before sending: a usage error, like argparse's. Refused by the portal: 1.
        return 2 if self.status is None else 1


class PortalUnreachable(MlpError):
    """No answer from the portal's URL, or an answer that is not the portal's API."""

    default_exit_code = 4
