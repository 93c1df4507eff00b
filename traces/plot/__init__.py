"""Plots of sushi-vp run directories and sweep results (matplotlib, headless).

    /usr/bin/python3 -m traces.plot RUN_DIR [RUN_DIR ...] [--out DIR]
    /usr/bin/python3 traces/plot/sushi_plot.py RUN_DIR ...        (the same, as a script)

See docs/traces.md#plots.
"""
from .sushi_plot import main, plot_run_dirs, plot_sweep  # noqa: F401
