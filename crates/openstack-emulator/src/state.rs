//! The in-memory state of the emulated cloud.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::http::{hex_id, now_iso, uuid};

/// The emulator's settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) password: String,
    pub(crate) token_ttl: Duration,
    pub(crate) server_build_delay: Duration,
    pub(crate) volume_delay: Duration,
    pub(crate) deleted_phase: Duration,
}

/// A user.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) password: String,
    pub(crate) default_project_id: Option<String>,
    pub(crate) enabled: bool,
    pub(crate) description: Option<String>,
    /// Resource options (`ignore_password_expiry`, ...).
    pub(crate) options: Value,
    /// Other attributes kept as sent (`email`, ...).
    pub(crate) extra: serde_json::Map<String, Value>,
}

impl User {
    /// Whether `pw` is this (enabled) user's password; a user without one never matches.
    pub(crate) fn password_ok(&self, pw: &str) -> bool {
        self.enabled && !self.password.is_empty() && self.password == pw
    }

    pub(crate) fn seeded(name: &str, password: &str, project: &str) -> Self {
        User {
            id: hex_id(),
            name: name.into(),
            password: password.into(),
            default_project_id: Some(project.into()),
            enabled: true,
            description: None,
            options: json!({}),
            extra: serde_json::Map::new(),
        }
    }
}

/// A project.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) enabled: bool,
    pub(crate) tags: Vec<String>,
    pub(crate) options: Value,
}

impl Project {
    pub(crate) fn seeded(name: &str) -> Self {
        Project {
            id: hex_id(),
            name: name.into(),
            description: Some(String::new()),
            enabled: true,
            tags: Vec::new(),
            options: json!({}),
        }
    }
}

/// A role.
#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    /// The domain of a domain-specific role (such roles never appear in tokens).
    pub(crate) domain_id: Option<String>,
    pub(crate) options: Value,
}

/// Where a role is granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GrantTarget {
    Project(String),
    Domain(String),
}

/// A role granted to a user on a project or a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grant {
    pub(crate) user_id: String,
    pub(crate) target: GrantTarget,
    pub(crate) role_id: String,
}

/// An application credential.
#[derive(Debug, Clone)]
pub(crate) struct AppCred {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) secret: String,
    pub(crate) user_id: String,
    pub(crate) project_id: String,
    pub(crate) description: Option<String>,
    pub(crate) expires_at: Option<OffsetDateTime>,
}

/// An issued token.
#[derive(Debug, Clone)]
pub(crate) struct TokenRec {
    pub(crate) user_id: String,
    pub(crate) project_id: Option<String>,
    /// The domain of a domain-scoped token.
    pub(crate) domain_id: Option<String>,
    pub(crate) methods: Vec<String>,
    pub(crate) issued_at: OffsetDateTime,
    pub(crate) expires_at: OffsetDateTime,
    pub(crate) audit_id: String,
    pub(crate) app_cred: Option<String>,
}

/// Who is calling a service.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) user_id: String,
    pub(crate) project_id: String,
    pub(crate) is_admin: bool,
}

/// A JSON resource whose fields change by themselves later (BUILD → ACTIVE).
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    pub(crate) v: Value,
    /// Patches applied (top-level keys replaced) once their time comes. A patch with
    /// `"__gone": true` removes the resource.
    pub(crate) pending: Vec<(Instant, Value)>,
    pub(crate) project_id: String,
}

impl Rec {
    pub(crate) fn new(v: Value, project_id: &str) -> Self {
        Rec {
            v,
            pending: Vec::new(),
            project_id: project_id.to_owned(),
        }
    }

    pub(crate) fn id(&self) -> &str {
        self.v.get("id").and_then(Value::as_str).unwrap_or_default()
    }

    pub(crate) fn str(&self, key: &str) -> &str {
        self.v.get(key).and_then(Value::as_str).unwrap_or_default()
    }

    /// Sets top-level fields now.
    pub(crate) fn set(&mut self, patch: Value) {
        merge(&mut self.v, patch);
    }

    /// Schedules a patch.
    pub(crate) fn later(&mut self, after: Duration, patch: Value) {
        self.pending.push((Instant::now() + after, patch));
    }

    /// Applies the patches whose time has come; returns false when the resource is gone.
    pub(crate) fn settle(&mut self, now: Instant) -> bool {
        let mut alive = true;
        while let Some((at, _)) = self.pending.first() {
            if *at > now {
                break;
            }
            let (_, patch) = self.pending.remove(0);
            if patch.get("__gone").is_some() {
                alive = false;
            } else {
                merge(&mut self.v, patch);
            }
        }
        alive
    }
}

/// Replaces top-level keys of `target` with those of `patch`.
pub(crate) fn merge(target: &mut Value, patch: Value) {
    if let (Some(t), Value::Object(p)) = (target.as_object_mut(), patch) {
        for (k, v) in p {
            t.insert(k, v);
        }
    }
}

/// A Swift object.
#[derive(Debug, Clone)]
pub(crate) struct SwiftObject {
    pub(crate) data: Bytes,
    pub(crate) etag: String,
    pub(crate) content_type: String,
    pub(crate) last_modified: OffsetDateTime,
    pub(crate) meta: BTreeMap<String, String>,
    /// Other headers kept as sent (Content-Disposition, X-Object-Manifest, ...).
    pub(crate) extra: BTreeMap<String, String>,
    /// An SLO manifest: the segment list as stored.
    pub(crate) slo: Option<Vec<Value>>,
}

/// A Swift container.
#[derive(Debug, Clone, Default)]
pub(crate) struct Container {
    pub(crate) objects: BTreeMap<String, SwiftObject>,
    pub(crate) meta: BTreeMap<String, String>,
    pub(crate) extra: BTreeMap<String, String>,
    pub(crate) created: f64,
}

/// A Swift account.
#[derive(Debug, Clone, Default)]
pub(crate) struct Account {
    pub(crate) containers: BTreeMap<String, Container>,
    pub(crate) meta: BTreeMap<String, String>,
}

/// Everything.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) cfg: Config,
    pub(crate) base: String,
    pub(crate) users: Vec<User>,
    pub(crate) projects: Vec<Project>,
    pub(crate) roles: Vec<Role>,
    /// Role grants, in the order they were made.
    pub(crate) grants: Vec<Grant>,
    pub(crate) app_creds: Vec<AppCred>,
    pub(crate) tokens: HashMap<String, TokenRec>,
    pub(crate) flavors: Vec<Value>,
    pub(crate) servers: Vec<Rec>,
    /// (user id, keypair).
    pub(crate) keypairs: Vec<(String, Value)>,
    pub(crate) images: Vec<Rec>,
    pub(crate) image_data: HashMap<String, Bytes>,
    /// Neutron resources by collection name (`networks`, `subnets`, ...).
    pub(crate) neutron: HashMap<&'static str, Vec<Value>>,
    pub(crate) volumes: Vec<Rec>,
    pub(crate) snapshots: Vec<Rec>,
    /// Cinder volume types (`__access`: the projects of a private type).
    pub(crate) volume_types: Vec<Value>,
    pub(crate) swift: HashMap<String, Account>,
    pub(crate) next_instance: u64,
    pub(crate) next_mac: u32,
}

/// The seeded identifiers.
pub(crate) const DOMAIN_ID: &str = "default";
/// The seeded domain's name.
pub(crate) const DOMAIN_NAME: &str = "Default";

impl State {
    pub(crate) fn new(cfg: Config) -> Self {
        let admin_p = Project::seeded("admin");
        let demo_p = Project::seeded("demo");
        let admin = User::seeded("admin", &cfg.password, &admin_p.id);
        let demo = User::seeded("demo", &cfg.password, &demo_p.id);
        let roles: Vec<Role> = ["admin", "member", "reader"]
            .iter()
            .map(|n| Role {
                id: hex_id(),
                name: (*n).to_owned(),
                description: None,
                domain_id: None,
                options: json!({}),
            })
            .collect();
        let mut grants = Vec::new();
        for (user, project, n) in [
            (&admin.id, &admin_p.id, 3),
            (&admin.id, &demo_p.id, 3),
            (&demo.id, &demo_p.id, 2),
        ] {
            // admin gets admin, member, reader; demo member and reader.
            for role in &roles[3 - n..] {
                grants.push(Grant {
                    user_id: user.clone(),
                    target: GrantTarget::Project(project.clone()),
                    role_id: role.id.clone(),
                });
            }
        }
        let mut st = State {
            cfg,
            base: String::new(),
            users: vec![admin, demo],
            projects: vec![admin_p, demo_p],
            roles,
            grants,
            app_creds: Vec::new(),
            tokens: HashMap::new(),
            flavors: Vec::new(),
            servers: Vec::new(),
            keypairs: Vec::new(),
            images: Vec::new(),
            image_data: HashMap::new(),
            neutron: HashMap::new(),
            volumes: Vec::new(),
            snapshots: Vec::new(),
            volume_types: vec![crate::volume::default_type()],
            swift: HashMap::new(),
            next_instance: 1,
            next_mac: 1,
        };
        st.seed();
        st
    }

    fn seed(&mut self) {
        for (id, name, ram, vcpus, disk) in [
            ("1", "m1.tiny", 512, 1, 1),
            ("2", "m1.small", 2048, 1, 20),
            ("3", "m1.medium", 4096, 2, 40),
            ("4", "m1.large", 8192, 4, 80),
        ] {
            self.flavors.push(json!({
                "id": id, "name": name, "ram": ram, "vcpus": vcpus, "disk": disk,
                "OS-FLV-DISABLED:disabled": false, "OS-FLV-EXT-DATA:ephemeral": 0,
                "os-flavor-access:is_public": true, "swap": "", "rxtx_factor": 1.0,
                "description": null, "extra_specs": {},
            }));
        }
        let admin_project = self.projects[0].id.clone();
        let data = Bytes::from_static(b"cirros image bytes (emulated)\n");
        let id = uuid();
        let mut img = image_value(&id, "cirros-0.6.2-x86_64-disk", &admin_project);
        merge(
            &mut img,
            json!({"visibility": "public", "disk_format": "qcow2", "container_format": "bare"}),
        );
        set_image_data(&mut img, &data);
        self.image_data.insert(id, data);
        self.images.push(Rec::new(img, &admin_project));
        // Networks: the external "public" one.
        let public = self.add_network(&admin_project, "public", true, true);
        let _ = self.add_subnet(&admin_project, &public, "public-subnet", "172.24.4.0/24");
        // As in devstack: a "shared" network (admin-owned, shared) and the demo project's
        // "private" network.
        let shared = self.add_network(&admin_project, "shared", false, true);
        let _ = self.add_subnet(&admin_project, &shared, "shared-subnet", "192.168.233.0/24");
        let demo_project = self.projects[1].id.clone();
        let private = self.add_network(&demo_project, "private", false, false);
        let _ = self.add_subnet(&demo_project, &private, "private-subnet", "10.0.0.0/26");
    }

    /// Adds a network; returns its id.
    pub(crate) fn add_network(
        &mut self,
        project: &str,
        name: &str,
        external: bool,
        shared: bool,
    ) -> String {
        let id = uuid();
        let now = now_iso();
        let v = json!({
            "id": id, "name": name, "admin_state_up": true, "availability_zone_hints": [],
            "availability_zones": ["nova"], "created_at": now, "updated_at": now,
            "dns_domain": "", "ipv4_address_scope": null, "ipv6_address_scope": null,
            "l2_adjacency": true, "mtu": 1450, "port_security_enabled": true,
            "project_id": project, "tenant_id": project, "qos_policy_id": null,
            "revision_number": 1, "router:external": external, "shared": shared,
            "status": "ACTIVE", "subnets": [], "tags": [], "vlan_transparent": false,
            "description": "", "is_default": false, "pvlan": "false", "qinq": false,
            "provider:network_type": "geneve", "provider:physical_network": null,
            "provider:segmentation_id": 1,
        });
        self.coll("networks").push(v);
        id
    }

    /// Adds a subnet for a CIDR like `10.0.0.0/24` (the caller validated it).
    pub(crate) fn add_subnet(
        &mut self,
        project: &str,
        network_id: &str,
        name: &str,
        cidr: &str,
    ) -> Option<String> {
        let (net, prefix) = crate::network::parse_cidr(cidr)?;
        let size = 1u64 << (32 - u32::from(prefix));
        let gw = crate::network::ip_to_string(net + 1);
        let pools = if size > 3 {
            json!([{"start": crate::network::ip_to_string(net + 2),
                    "end": crate::network::ip_to_string(net + (size - 2) as u32)}])
        } else {
            json!([])
        };
        let id = uuid();
        let now = now_iso();
        let v = json!({
            "id": id, "name": name, "enable_dhcp": true, "network_id": network_id,
            "segment_id": null, "project_id": project, "tenant_id": project,
            "created_at": now, "updated_at": now, "dns_nameservers": [],
            "dns_publish_fixed_ip": false, "allocation_pools": pools, "host_routes": [],
            "ip_version": 4, "gateway_ip": gw, "cidr": cidr, "description": "",
            "ipv6_address_mode": null, "ipv6_ra_mode": null, "revision_number": 0,
            "service_types": [], "subnetpool_id": null, "tags": [], "router:external": false,
        });
        self.coll("subnets").push(v);
        if let Some(n) = self
            .coll("networks")
            .iter_mut()
            .find(|n| n["id"] == network_id)
        {
            if let Some(a) = n["subnets"].as_array_mut() {
                a.push(Value::String(id.clone()));
            }
        }
        Some(id)
    }

    /// A Neutron collection.
    pub(crate) fn coll(&mut self, name: &'static str) -> &mut Vec<Value> {
        self.neutron.entry(name).or_default()
    }

    /// Applies due lifecycle changes everywhere.
    pub(crate) fn settle(&mut self) {
        let now = Instant::now();
        self.servers.retain_mut(|r| r.settle(now));
        self.volumes.retain_mut(|r| r.settle(now));
        self.snapshots.retain_mut(|r| r.settle(now));
        self.images.retain_mut(|r| r.settle(now));
    }

    pub(crate) fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub(crate) fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The roles (id, name) granted to `user` on `project`, in the order of the seeded
    /// roles.
    pub(crate) fn project_roles(&self, user: &str, project: &str) -> Vec<&Role> {
        self.roles
            .iter()
            .filter(|r| r.domain_id.is_none())
            .filter(|r| {
                self.grants.iter().any(|g| {
                    g.user_id == user
                        && g.role_id == r.id
                        && g.target == GrantTarget::Project(project.to_owned())
                })
            })
            .collect()
    }

    /// The roles granted to `user` on the domain (domain-specific roles aside).
    pub(crate) fn domain_roles(&self, user: &str) -> Vec<&Role> {
        self.roles
            .iter()
            .filter(|r| r.domain_id.is_none())
            .filter(|r| {
                self.grants.iter().any(|g| {
                    g.user_id == user
                        && g.role_id == r.id
                        && g.target == GrantTarget::Domain(DOMAIN_ID.to_owned())
                })
            })
            .collect()
    }

    /// The names of the roles granted to `user` on `project`.
    pub(crate) fn roles(&self, user: &str, project: &str) -> Vec<String> {
        self.project_roles(user, project)
            .into_iter()
            .map(|r| r.name.clone())
            .collect()
    }

    /// Whether a token for `user` may be scoped to `project`: it exists, is enabled, and the
    /// user has a role on it.
    pub(crate) fn can_scope(&self, user: &str, project: &str) -> bool {
        self.project(project).is_some_and(|p| p.enabled) && !self.roles(user, project).is_empty()
    }

    pub(crate) fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// A fresh MAC address.
    pub(crate) fn mac(&mut self) -> String {
        self.next_mac += 1;
        let n = self.next_mac;
        format!(
            "fa:16:3e:{:02x}:{:02x}:{:02x}",
            (n >> 16) & 0xff,
            (n >> 8) & 0xff,
            n & 0xff
        )
    }
}

/// A fresh Glance image record (queued, no data).
pub(crate) fn image_value(id: &str, name: &str, owner: &str) -> Value {
    let now = now_iso();
    json!({
        "id": id, "name": name, "status": "queued", "tags": [], "container_format": null,
        "disk_format": null, "created_at": now, "updated_at": now, "visibility": "shared",
        "self": format!("/v2/images/{id}"), "min_disk": 0, "min_ram": 0, "protected": false,
        "file": format!("/v2/images/{id}/file"), "checksum": null, "os_hash_algo": null,
        "os_hash_value": null, "os_hidden": false, "owner": owner, "size": null,
        "schema": "/v2/schemas/image", "virtual_size": null, "stores": null, "locations": [],
    })
}

/// Marks an image active with the checksums of its data.
pub(crate) fn set_image_data(img: &mut Value, data: &[u8]) {
    use md5::Digest;
    let md5 = hex::encode(md5::Md5::digest(data));
    let sha512 = hex::encode(sha2::Sha512::digest(data));
    let direct = format!(
        "file:///var/lib/glance/images/{}",
        img["id"].as_str().unwrap_or_default()
    );
    merge(
        img,
        json!({"status": "active", "checksum": md5, "os_hash_algo": "sha512",
               "os_hash_value": sha512, "size": data.len(), "stores": "file", "direct_url": direct,
               "updated_at": now_iso()}),
    );
}
