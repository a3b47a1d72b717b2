# gunicorn entry point for keystone. oslo.config parses sys.argv, so hide
# gunicorn's own command-line arguments from it before keystone initialises.
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import os
import sys

sys.argv = sys.argv[:1]
os.environ.setdefault('OS_KEYSTONE_CONFIG_FILES', '@ROOT@/etc/keystone/keystone.conf')

from keystone.server import wsgi  # noqa: E402

application = wsgi.initialize_public_application()
