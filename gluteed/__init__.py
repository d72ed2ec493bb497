"""gluteed: what the gluteus medius and the lower back do, for physiotherapy students.

The model layer (this package's modules other than ``view`` and ``widgets``)
is pure numpy; importing :mod:`gluteed` does not import matplotlib or
ipywidgets.
"""

from .anthropometry import Subject, body_model
from .exercises import Exercise, exercise, plan_card_html
from .freebody import FreeBodyResult, Load, solve_free_body
from .gait import WalkInput, WalkResult, solve_walk
from .hamstrings import BendInput, BendResult, glute_availability, solve_bend
from .stance import StanceInput, StanceResult, solve_stance
from .training import Programme, TrainingResult, simulate_training

__all__ = [
    "BendInput",
    "BendResult",
    "Exercise",
    "FreeBodyResult",
    "Load",
    "Programme",
    "StanceInput",
    "StanceResult",
    "Subject",
    "TrainingResult",
    "WalkInput",
    "WalkResult",
    "__version__",
    "body_model",
    "exercise",
    "glute_availability",
    "plan_card_html",
    "simulate_training",
    "solve_bend",
    "solve_free_body",
    "solve_stance",
    "solve_walk",
]

__version__ = "0.2.0"
