"""The public names of ``gluteed``, ``gluteed.view`` and ``gluteed.widgets`` keep working.

A snapshot taken from the code before the view became a package: every name
listed here must still be importable, ``__all__`` must not lose a name, and
the drawing and sweep functions keep their parameters (a notebook written
for an earlier version calls them by these names).
"""

import inspect

import pytest

import gluteed
import gluteed.view
import gluteed.widgets

PUBLIC = {
    "gluteed": [
        "BendInput", "BendResult", "Exercise", "FreeBodyResult", "Load", "Programme",
        "StanceInput", "StanceResult", "Subject", "TrainingResult", "WalkInput",
        "WalkResult", "__version__", "body_model", "exercise", "glute_availability",
        "plan_card_html", "simulate_training", "solve_bend", "solve_free_body",
        "solve_stance", "solve_walk",
    ],
    "gluteed.view": [
        "ACTIVATION_CMAP", "Artists", "BEND_OUTPUTS", "BendPanels", "DEFAULT_OUTPUTS",
        "FORCE_SCALE_PER_BW", "FastPNG", "GAIT_OUTPUTS", "OKABE_ITO", "OUTPUT_LABELS",
        "Panels", "STYLES", "SWEEP_PARAMETERS", "Sweep", "WalkPanels", "activation_colour",
        "bend_points", "bend_summary_line", "body_points", "draw_bend", "draw_bend_panels",
        "draw_body", "draw_curve", "draw_gait", "draw_panels", "draw_share",
        "draw_walk_panels", "figure_png", "summary_line", "sweep_bend", "sweep_stance",
        "update_bend", "update_bend_panels", "update_body", "update_curve", "update_gait",
        "update_panels", "update_share", "update_walk_panels", "value_line", "walk_frame",
        "walk_summary_line",
    ],
    "gluteed.widgets": [
        "BendDashboard", "DEFAULT_CASE", "StanceDashboard", "WalkDashboard",
        "bend_dashboard", "quiz", "stance_dashboard", "teaching_dashboard", "walk_dashboard",
    ],
}  # fmt: skip

#: ``__all__`` as it was: a name may be added, none may go.
ALL = {
    "gluteed": set(PUBLIC["gluteed"]),
    "gluteed.view": set(PUBLIC["gluteed.view"])
    - {"OUTPUT_LABELS", "SWEEP_PARAMETERS", "value_line"},
    "gluteed.widgets": set(PUBLIC["gluteed.widgets"]) - {"DEFAULT_CASE"},
}

#: Parameter names of the view's functions, in order.
SIGNATURES = {
    "activation_colour": ("activation_pct",),
    "bend_points": ("result",),
    "bend_summary_line": ("result",),
    "body_points": ("result",),
    "draw_bend": ("result", "ax", "scale", "caption"),
    "draw_bend_panels": ("result", "sweep", "fig", "scale", "figsize", "dpi"),
    "draw_body": ("result", "ax", "scale", "caption"),
    "draw_curve": ("sweep", "outputs", "current", "ax", "scale", "caption"),
    "draw_gait": ("walk", "ax", "current_pct", "scale", "caption"),
    "draw_panels": ("result", "sweep", "fig", "scale", "figsize", "dpi"),
    "draw_share": ("result", "ax", "scale", "caption"),
    "draw_walk_panels": ("walk", "current_pct", "fig", "scale", "figsize", "dpi"),
    "figure_png": ("fig", "level"),
    "summary_line": ("result",),
    "sweep_bend": ("inp", "parameter", "values"),
    "sweep_stance": ("inp", "parameter", "values"),
    "update_bend": ("artists", "result"),
    "update_bend_panels": ("panels", "result", "sweep"),
    "update_body": ("artists", "result"),
    "update_curve": ("artists", "current", "sweep"),
    "update_gait": ("artists", "walk", "current_pct"),
    "update_panels": ("panels", "result", "sweep"),
    "update_share": ("artists", "result", "sweep"),
    "update_walk_panels": ("panels", "walk", "current_pct"),
    "value_line": ("artists", "name"),
    "walk_frame": ("walk", "pct"),
    "walk_summary_line": ("walk", "current_pct"),
}

MODULES = {"gluteed": gluteed, "gluteed.view": gluteed.view, "gluteed.widgets": gluteed.widgets}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_every_public_name_is_still_there(module):
    missing = [name for name in PUBLIC[module] if not hasattr(MODULES[module], name)]
    assert missing == [], f"{module} lost {missing}"


@pytest.mark.parametrize("module", sorted(ALL))
def test_all_keeps_every_name(module):
    assert ALL[module] <= set(MODULES[module].__all__)
    for name in MODULES[module].__all__:
        assert hasattr(MODULES[module], name), f"{module}.__all__ names {name}, which is missing"


def _parameter_names(func) -> tuple[str, ...]:
    """Names a caller may pass, in order; ``**options: Unpack[X]`` gives X's keys."""
    names = []
    for p in inspect.signature(func).parameters.values():
        if p.kind is p.VAR_KEYWORD and str(p.annotation).startswith("Unpack["):
            options = getattr(gluteed.view, str(p.annotation).removeprefix("Unpack[")[:-1])
            names += list(options.__annotations__)
        else:
            names.append(p.name)
    return tuple(names)


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_view_functions_keep_their_parameters(name):
    assert _parameter_names(getattr(gluteed.view, name)) == SIGNATURES[name]
