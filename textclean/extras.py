"""Optional dependencies ("extras"): a missing one is a usage error with the install command.

textclean's core reads text and JSONL; other formats and adapters need a library
installed through an extra (``pip install 'textclean[parquet]'``):

========== ============================== =======================================
extra      installs                       for
========== ============================== =======================================
parquet    pyarrow                        ``.parquet`` input and output
html       trafilatura, resiliparse       ``.html``/``.htm`` input, ``--html-key``
datatrove  datatrove[io]                  :mod:`textclean.integrations.datatrove`
hf         datasets                       :mod:`textclean.integrations.hf`
all        all of the above
========== ============================== =======================================

>>> install_command("parquet")
"pip install 'textclean[parquet]'"
>>> require("json", "parquet", "reading .parquet files").__name__
'json'
>>> try:
...     require("no_such_module_here", "html", "reading .html files")
... except MissingExtra as exc:
...     print(exc.extra, str(exc).split(": ")[-1])
html pip install 'textclean[html]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from textclean.config import ConfigError


class MissingExtra(ConfigError, ImportError):
    """An optional dependency is not installed (CLI exit code 2, with the pip command).

    It is a :class:`~textclean.config.ConfigError` for the CLI and an ``ImportError``
    for library code (``from textclean.integrations.hf import Cleaner``).
    """

    def __init__(self, extra: str, module: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the {extra!r} extra ({module} is not installed): "
            f"{install_command(extra)}"
        )
        self.extra = extra
        self.module = module


def install_command(extra: str) -> str:
    """The exact command that installs an extra."""
    return f"pip install 'textclean[{extra}]'"


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtra` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # the module, or one it needs, is missing
        raise MissingExtra(extra, exc.name or module, purpose) from exc
