"""``python -m factcheck`` behaves exactly like the ``factcheck`` console script."""

import sys

from .cli import main

sys.exit(main())
