# gunicorn entry point for placement-api; hide gunicorn's arguments from
# oslo.config. Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import os
import sys

sys.argv = sys.argv[:1]
os.environ.setdefault('OS_PLACEMENT_CONFIG_DIR', '@ROOT@/etc/placement')

from placement.wsgi.api import application  # noqa: E402,F401
