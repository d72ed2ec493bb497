"""gluteed: what the gluteus medius and the lower back do, for physiotherapy students.

The model layer (this package's modules other than ``view`` and ``widgets``)
is pure numpy; importing :mod:`gluteed` does not import matplotlib or
ipywidgets.
"""

from .anthropometry import Subject, body_model
from .freebody import FreeBodyResult, Load, solve_free_body
from .stance import StanceInput, StanceResult, solve_stance

__all__ = [
    "FreeBodyResult",
    "Load",
    "StanceInput",
    "StanceResult",
    "Subject",
    "__version__",
    "body_model",
    "solve_free_body",
    "solve_stance",
]

__version__ = "0.1.0"
