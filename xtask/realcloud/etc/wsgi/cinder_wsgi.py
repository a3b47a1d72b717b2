# gunicorn entry point for cinder-api; cinder parses sys.argv[1:] with
# oslo.config, so replace gunicorn's arguments with cinder's own.
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import sys

sys.argv = [sys.argv[0], '--config-file', '@ROOT@/etc/cinder/cinder.conf']

from cinder.wsgi.api import application  # noqa: E402,F401
