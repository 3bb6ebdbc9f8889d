"""`python -m medborgarguiden COMMAND …`: the same as the `medborgarguiden` command."""

import sys

from medborgarguiden.cli import main

sys.exit(main())
