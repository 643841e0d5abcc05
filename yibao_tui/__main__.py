import sys

from yibao_tui.cli import main

sys.exit(main())
