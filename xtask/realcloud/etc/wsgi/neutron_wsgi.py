# gunicorn entry point for neutron-api. neutron's config init parses
# sys.argv[1:], so hide gunicorn's own arguments first.
# Template: realcloud/up.sh replaces @ROOT@ with $FERROCLOUD_REALCLOUD_DIR.
import os
import sys

sys.argv = sys.argv[:1]
os.environ.setdefault('OS_NEUTRON_CONFIG_DIR', '@ROOT@/etc/neutron')
os.environ.setdefault('OS_NEUTRON_CONFIG_FILES', 'neutron.conf;ml2_conf.ini')

from neutron.wsgi.api import application  # noqa: E402,F401
