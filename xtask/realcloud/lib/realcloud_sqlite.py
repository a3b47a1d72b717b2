"""Make the SQLite transactions that oslo.db opens take the write lock at BEGIN.

oslo.db opens every SQLite transaction with a plain, deferred "BEGIN". A
deferred transaction that has read and then writes must upgrade its lock;
when another process wrote in between, SQLite fails that upgrade at once with
"database is locked", without consulting the busy handler that ?timeout=30
installs. nova's conductor hit this while saving instances for nova-compute:
servers stuck in BUILD, start actions that failed. "BEGIN IMMEDIATE" takes
the write lock up front, where the busy handler does wait, so the processes
that share one SQLite file queue instead of failing.

xtask/realcloud/up.sh copies this module into the venv's site-packages and adds
realcloud_sqlite.pth, which calls install() at every interpreter start. To
stay clear of eventlet monkey patching (cinder), install() imports nothing
heavy: it waits until the service itself imports oslo_db.sqlalchemy.engines,
then registers one SQLAlchemy listener that rewrites exactly "BEGIN" into
"BEGIN IMMEDIATE" on SQLite connections. REALCLOUD_SQLITE_IMMEDIATE=0 in the
environment turns it off.
"""
import importlib.abc
import importlib.util
import os
import sys

TARGET = "oslo_db.sqlalchemy.engines"


def _register():
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "before_cursor_execute", retval=True)
    def _begin_immediate(conn, cursor, statement, parameters, context,
                         executemany):
        if statement == "BEGIN" and conn.dialect.name == "sqlite":
            statement = "BEGIN IMMEDIATE"
        return statement, parameters


class _Finder(importlib.abc.MetaPathFinder):
    """One-shot import hook: register the listener right after TARGET loads."""

    def find_spec(self, name, path, target=None):
        if name != TARGET:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_register(module):
            exec_module(module)
            _register()

        spec.loader.exec_module = exec_and_register
        return spec


def install():
    if os.environ.get("REALCLOUD_SQLITE_IMMEDIATE", "1") == "0":
        return
    if TARGET in sys.modules:        # too late for the hook: register now
        _register()
    elif not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
