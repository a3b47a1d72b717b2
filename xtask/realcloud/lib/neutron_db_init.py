"""Create neutron's schema on SQLite.

neutron's alembic migrations use ALTER CONSTRAINT, which SQLite cannot do, so
`neutron-db-manage upgrade heads` fails on SQLite.  Like neutron's own unit
tests, build the schema straight from the models, then stamp alembic heads.

usage: python neutron_db_init.py sqlite:///$FERROCLOUD_REALCLOUD_DIR/data/neutron/neutron.db
"""
import sys

import sqlalchemy as sa

from neutron.db.migration.models import head  # noqa: imports every model

if len(sys.argv) != 2:
    sys.exit('usage: neutron_db_init.py SQLALCHEMY_URL')
url = sys.argv[1]
engine = sa.create_engine(url)
head.get_metadata().create_all(engine)
print('created %d tables' % len(head.get_metadata().tables))
