"""The ML platform portal's Python SDK and ``mlp`` CLI.

>>> from mlp import Client
>>> client = Client()            # the login stored by `mlp login`
>>> client.team_quota("nlp-team")["status"]
'ok'
"""

__version__ = "0.1.0"

from .client import Client  # noqa: E402
from .errors import (  # noqa: E402
    AuthenticationFailed,
    InvalidInput,
    MlpError,
    NotFound,
    NotLoggedIn,
    PermissionDenied,
    PortalUnreachable,
    Rejected,
)

__all__ = [
    "__version__",
    "Client",
    "MlpError",
    "NotLoggedIn",
    "AuthenticationFailed",
    "PermissionDenied",
    "NotFound",
    "Rejected",
    "InvalidInput",
    "PortalUnreachable",
]
