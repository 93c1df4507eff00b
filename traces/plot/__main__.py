import sys

from .sushi_plot import main

sys.exit(main())
