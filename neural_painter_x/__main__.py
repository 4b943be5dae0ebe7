"""`python -m neural_painter_x`: the `neural-painter-x` command (written by hand, not generated from a notebook)."""
import sys
from neural_painter_x.cli import main

if __name__ == "__main__": sys.exit(main())
