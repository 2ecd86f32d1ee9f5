"""``python -m jdmatch`` runs the command-line interface."""

import sys

from jdmatch.cli import main

sys.exit(main())
