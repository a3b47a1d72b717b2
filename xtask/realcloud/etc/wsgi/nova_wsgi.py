# gunicorn entry point for nova-api (osapi_compute). nova parses sys.argv
# with oslo.config; hide gunicorn's arguments. First config file must be
# api-paste.ini (nova loads the paste app from conf_files[0]).
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import os
import sys

sys.argv = sys.argv[:1]
os.environ.setdefault('OS_NOVA_CONFIG_DIR', '@ROOT@/etc/nova')
os.environ.setdefault('OS_NOVA_CONFIG_FILES', 'api-paste.ini;nova.conf')

from nova.wsgi.osapi_compute import application  # noqa: E402,F401
