# gunicorn entry point for glance-api (glance reads its config dir from env).
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import os

os.environ.setdefault('OS_GLANCE_CONFIG_DIR', '@ROOT@/etc/glance')

from glance.wsgi.api import application  # noqa: E402,F401
