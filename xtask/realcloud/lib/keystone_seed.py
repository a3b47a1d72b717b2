"""Idempotently seed the keystone catalog, service users and a demo user.

Usage (xtask/realcloud/up.sh runs it):
  OS_CLIENT_CONFIG_FILE=$FERROCLOUD_REALCLOUD_DIR/clouds.yaml OS_CLOUD=realcloud-admin \
  REALCLOUD_SERVICES="swift glance neutron cinder nova" python keystone_seed.py

Only the services named in REALCLOUD_SERVICES (default: all) get a catalog
entry, so a cloud started with SERVICES="keystone swift" has no compute
endpoint that nothing answers on.
"""
import os

import openstack

H = "http://127.0.0.1"
SERVICES = [
    # (realcloud service, name, type, url, description)
    ("nova", "nova", "compute", H + ":8774/v2.1", "Compute"),
    ("nova", "placement", "placement", H + ":8778", "Placement"),
    ("neutron", "neutron", "network", H + ":9696", "Networking"),
    ("swift", "swift", "object-store", H + ":8080/v1/AUTH_%(project_id)s", "Object Storage"),
    ("cinder", "cinderv3", "volumev3", H + ":8776/v3/%(project_id)s", "Block Storage v3"),
    ("cinder", "cinder", "block-storage", H + ":8776/v3/%(project_id)s", "Block Storage"),
    ("glance", "glance", "image", H + ":9292", "Image"),
]
ENABLED = os.environ.get("REALCLOUD_SERVICES", "swift glance neutron cinder nova").split()
SERVICE_USERS = ["nova", "placement", "neutron", "swift", "cinder", "glance"]

c = openstack.connect()
idc = c.identity
region = "RegionOne"

def get_or_create_project(name):
    p = idc.find_project(name, domain_id="default")
    return p or idc.create_project(name=name, domain_id="default")

def get_or_create_user(name, password, project):
    u = idc.find_user(name, domain_id="default")
    return u or idc.create_user(name=name, password=password, domain_id="default",
                                default_project_id=project.id)

def role(name):
    r = idc.find_role(name)
    return r or idc.create_role(name=name)

service_project = get_or_create_project("service")
demo_project = get_or_create_project("demo")
admin_role, member_role, service_role = role("admin"), role("member"), role("service")
for r in ("ResellerAdmin", "SwiftOperator"):
    role(r)

for name in SERVICE_USERS:
    u = get_or_create_user(name, "secret", service_project)
    idc.assign_project_role_to_user(service_project, u, admin_role)
    idc.assign_project_role_to_user(service_project, u, service_role)

demo = get_or_create_user("demo", "secret", demo_project)
idc.assign_project_role_to_user(demo_project, demo, member_role)
idc.assign_project_role_to_user(demo_project, demo, role("SwiftOperator"))

for svc_name, name, stype, url, desc in SERVICES:
    if svc_name not in ENABLED:
        continue
    svc = next((s for s in idc.services() if s.type == stype and s.name == name), None)
    if svc is None:
        svc = idc.create_service(name=name, type=stype, description=desc, is_enabled=True)
    have = {e.interface for e in idc.endpoints(service_id=svc.id)}
    for iface in ("public", "internal", "admin"):
        if iface not in have:
            idc.create_endpoint(service_id=svc.id, interface=iface, url=url,
                                region_id=region, is_enabled=True)
    print("service", stype, name, url)
