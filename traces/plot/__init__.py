"""Plots of sushi-vp run directories and sweep results (matplotlib, headless): the package
sushi_plot (this folder, installed by `cmake --install build` or pip with pyproject.toml).

    sushi-plot RUN_DIR [RUN_DIR ...] [--out DIR] [--format png|svg|pdf]   (installed)
    /usr/bin/python3 -m sushi_plot RUN_DIR ...                             (installed)
    /usr/bin/python3 -m traces.plot RUN_DIR ...                            (source tree root)
    /usr/bin/python3 traces/plot/sushi_plot.py RUN_DIR ...                 (as a script)

See docs/traces.md#plots.
"""
from .sushi_plot import main, plot_run_dirs, plot_sweep  # noqa: F401
