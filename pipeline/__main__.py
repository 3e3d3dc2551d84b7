"""``python -m pipeline`` is the ``gazette`` command."""

import sys

from pipeline.cli import main

sys.exit(main())
