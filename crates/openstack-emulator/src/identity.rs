//! Keystone: version discovery, v3 tokens (password, token, application credential), the
//! catalog, v2.0 tokens and application credentials.

use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::http::{hex_id, iso, iso_micro, keystone_error, Req, Resp};
use crate::state::{AppCred, Ctx, State, TokenRec, DOMAIN_ID, DOMAIN_NAME};

/// The services in the catalog: (type, name, path below the root; `{p}` is the project id).
const SERVICES: &[(&str, &str, &str)] = &[
    ("identity", "keystone", "/identity"),
    ("compute", "nova", "/compute/v2.1"),
    ("network", "neutron", "/network"),
    ("object-store", "swift", "/object-store/v1/AUTH_{p}"),
    ("block-storage", "cinder", "/volume/v3/{p}"),
    ("volumev3", "cinderv3", "/volume/v3/{p}"),
    // The v1 API under the type v1 clients resolve (`volume`); v3 clients find
    // `block-storage`/`volumev3` first.
    ("volume", "cinder", "/volume/v1/{p}"),
    ("image", "glance", "/image"),
];

/// The catalog of a domain-scoped token: as Keystone, the endpoints templated with a
/// project id are dropped (their services stay, with no endpoints).
pub(crate) fn domain_catalog(st: &State) -> Value {
    let mut all = catalog(st, Some("{p}"));
    if let Some(services) = all.as_array_mut() {
        for s in services {
            let templated = s["endpoints"][0]["url"]
                .as_str()
                .is_some_and(|u| u.contains("{p}"));
            if templated {
                s["endpoints"] = json!([]);
            }
        }
    }
    all
}

/// The v3 catalog for a project.
pub(crate) fn catalog(st: &State, project: Option<&str>) -> Value {
    let Some(p) = project else {
        return json!([]);
    };
    let list: Vec<Value> = SERVICES
        .iter()
        .enumerate()
        .map(|(i, (ty, name, path))| {
            let url = format!("{}{}", st.base, path.replace("{p}", p));
            let endpoints: Vec<Value> = ["public", "internal", "admin"]
                .iter()
                .enumerate()
                .map(|(j, iface)| {
                    json!({"id": format!("{:032x}", i * 16 + j + 1), "interface": iface,
                           "region": "RegionOne", "region_id": "RegionOne", "url": url})
                })
                .collect();
            json!({"endpoints": endpoints, "type": ty, "id": format!("{:032x}", i + 1000), "name": name})
        })
        .collect();
    Value::Array(list)
}

fn v2_catalog(st: &State, project: &str) -> Value {
    let list: Vec<Value> = SERVICES
        .iter()
        .map(|(ty, name, path)| {
            let url = format!("{}{}", st.base, path.replace("{p}", project));
            json!({"type": ty, "name": name, "endpoints_links": [], "endpoints": [{
                "id": hex_id(), "region": "RegionOne", "publicURL": url,
                "internalURL": url, "adminURL": url}]})
        })
        .collect();
    Value::Array(list)
}

/// Checks `X-Auth-Token` for a service request; the token must be project-scoped.
pub(crate) fn authorize(st: &State, req: &Req) -> Option<Ctx> {
    let token = req.header("x-auth-token")?;
    let rec = st.tokens.get(token)?;
    if rec.expires_at <= OffsetDateTime::now_utc() {
        return None;
    }
    let project_id = rec.project_id.clone()?;
    let is_admin = st
        .roles(&rec.user_id, &project_id)
        .iter()
        .any(|r| r == "admin");
    Some(Ctx {
        user_id: rec.user_id.clone(),
        project_id,
        is_admin,
    })
}

fn version_v3(st: &State) -> Value {
    json!({"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
           "links": [{"rel": "self", "href": format!("{}/identity/v3/", st.base)}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]})
}

fn version_v2(st: &State) -> Value {
    json!({"id": "v2.0", "status": "deprecated", "updated": "2016-08-04T00:00:00Z",
           "links": [{"rel": "self", "href": format!("{}/identity/v2.0/", st.base)}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}]})
}

/// Handles `/identity/...` (`req.segs` is below `/identity`).
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    let m = req.method.as_str();
    match (m, segs.as_slice()) {
        ("GET", []) => Resp::json(
            300,
            &json!({"versions": {"values": [version_v3(st), version_v2(st)]}}),
        ),
        ("GET", ["v3"]) => Resp::json(200, &json!({"version": version_v3(st)})),
        ("GET", ["v2.0"]) => Resp::json(200, &json!({"version": version_v2(st)})),
        ("POST", ["v3", "auth", "tokens"]) => issue_v3(st, req),
        ("GET" | "HEAD", ["v3", "auth", "tokens"]) => validate(st, req),
        ("DELETE", ["v3", "auth", "tokens"]) => revoke(st, req),
        ("GET", ["v3", "auth", "catalog"]) => match caller(st, req) {
            Some(rec) => Resp::json(
                200,
                &json!({"catalog": if rec.domain_id.is_some() { domain_catalog(st) } else { catalog(st, rec.project_id.as_deref()) },
                        "links": {"self": format!("{}/identity/v3/auth/catalog", st.base),
                                  "previous": null, "next": null}}),
            ),
            None => unauthorized(),
        },
        ("GET", ["v3", "auth", "projects"]) => match caller(st, req) {
            Some(rec) => {
                let projects: Vec<Value> = st
                    .projects
                    .iter()
                    .filter(|p| p.enabled && !st.roles(&rec.user_id, &p.id).is_empty())
                    .map(|p| project_json(st, p))
                    .collect();
                Resp::json(
                    200,
                    &json!({"projects": projects, "links": {"self": null, "previous": null, "next": null}}),
                )
            }
            None => unauthorized(),
        },
        ("POST", ["v2.0", "tokens"]) => issue_v2(st, req),
        (_, ["v3", "users", user, "application_credentials", rest @ ..]) => {
            app_creds(st, req, user, rest)
        }
        (_, ["v3", "projects" | "users" | "domains" | "roles" | "role_assignments", ..]) => {
            match caller(st, req) {
                Some(rec) => crate::identity_admin::handle(st, req, &rec, &segs[1..]),
                None => unauthorized(),
            }
        }
        _ if caller(st, req).is_none() => unauthorized(),
        _ => keystone_error(404, "The resource could not be found."),
    }
}

pub(crate) fn caller(st: &State, req: &Req) -> Option<TokenRec> {
    let token = req.header("x-auth-token")?;
    let rec = st.tokens.get(token)?;
    (rec.expires_at > OffsetDateTime::now_utc()).then(|| rec.clone())
}

pub(crate) fn unauthorized() -> Resp {
    keystone_error(401, "The request you have made requires authentication.")
        .header("www-authenticate", "Keystone uri=\"/identity\"")
}

use crate::identity_admin::project_json;

fn domain_matches(d: &Value) -> bool {
    match (
        d.get("id").and_then(Value::as_str),
        d.get("name").and_then(Value::as_str),
    ) {
        (Some(id), _) => id == DOMAIN_ID,
        (None, Some(name)) => name == DOMAIN_NAME,
        _ => false,
    }
}

fn find_user(st: &State, u: &Value) -> Option<String> {
    if let Some(id) = u.get("id").and_then(Value::as_str) {
        return st.user(id).map(|u| u.id.clone());
    }
    let name = u.get("name").and_then(Value::as_str)?;
    if !domain_matches(u.get("domain")?) {
        return None;
    }
    st.users
        .iter()
        .find(|x| x.name == name)
        .map(|x| x.id.clone())
}

enum ScopeReq {
    Default,
    Unscoped,
    Project(String),
    /// The (only) domain.
    Domain,
}

fn parse_scope(st: &State, auth: &Value) -> Result<ScopeReq, Resp> {
    let Some(scope) = auth.get("scope") else {
        return Ok(ScopeReq::Default);
    };
    if scope.as_str() == Some("unscoped") {
        return Ok(ScopeReq::Unscoped);
    }
    if let Some(p) = scope.get("project") {
        if let Some(id) = p.get("id").and_then(Value::as_str) {
            return st
                .project(id)
                .map(|p| ScopeReq::Project(p.id.clone()))
                .ok_or_else(|| {
                    keystone_error(401, "The request you have made requires authentication.")
                });
        }
        let name = p.get("name").and_then(Value::as_str);
        let dom = p.get("domain");
        return match (name, dom) {
            (Some(n), Some(d)) if domain_matches(d) => st
                .projects
                .iter()
                .find(|p| p.name == n)
                .map(|p| ScopeReq::Project(p.id.clone()))
                .ok_or_else(|| keystone_error(401, "The request you have made requires authentication.")),
            (Some(_), Some(_)) => Err(keystone_error(401, "The request you have made requires authentication.")),
            _ => Err(keystone_error(400, "Invalid input for field 'scope/project': a project needs an id, or a name and a domain.")),
        };
    }
    if let Some(d) = scope.get("domain") {
        return if domain_matches(d) {
            Ok(ScopeReq::Domain)
        } else {
            Err(keystone_error(
                401,
                "The request you have made requires authentication.",
            ))
        };
    }
    if scope.get("system").is_some() {
        // The system scope is not modelled: such tokens are unscoped.
        return Ok(ScopeReq::Unscoped);
    }
    Err(keystone_error(400, "Invalid input for field 'scope'."))
}

fn issue_v3(st: &mut State, req: &Req) -> Resp {
    let Some(body) = req.json() else {
        return keystone_error(400, "The request body must be a JSON object.");
    };
    let Some(auth) = body.get("auth") else {
        return keystone_error(400, "'auth' is a required property");
    };
    let identity = auth.get("identity").cloned().unwrap_or(Value::Null);
    let methods: Vec<String> = identity
        .get("methods")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if methods.is_empty() {
        return keystone_error(400, "'methods' is a required property");
    }
    let scope = match parse_scope(st, auth) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let denied = || keystone_error(401, "The request you have made requires authentication.");
    let mut app_cred = None;
    let (user_id, inherited_project) = match methods[0].as_str() {
        "password" => {
            let Some(u) = identity.get("password").and_then(|p| p.get("user")) else {
                return keystone_error(400, "'user' is a required property");
            };
            let pw = u
                .get("password")
                .and_then(Value::as_str)
                .unwrap_or_default();
            match find_user(st, u) {
                Some(id) if st.user(&id).is_some_and(|x| x.password_ok(pw)) => (id, None),
                _ => return denied(),
            }
        }
        "token" => {
            let id = identity
                .get("token")
                .and_then(|t| t.get("id"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            match st.tokens.get(id) {
                Some(t) if t.expires_at > OffsetDateTime::now_utc() => {
                    (t.user_id.clone(), t.project_id.clone())
                }
                _ => return denied(),
            }
        }
        "application_credential" => {
            let Some(ac) = identity.get("application_credential") else {
                return keystone_error(400, "'application_credential' is a required property");
            };
            let secret = ac.get("secret").and_then(Value::as_str).unwrap_or_default();
            let found = if let Some(id) = ac.get("id").and_then(Value::as_str) {
                st.app_creds.iter().find(|c| c.id == id)
            } else {
                let name = ac.get("name").and_then(Value::as_str).unwrap_or_default();
                let user = ac.get("user").and_then(|u| find_user(st, u));
                st.app_creds
                    .iter()
                    .find(|c| c.name == name && Some(&c.user_id) == user.as_ref())
            };
            match found {
                Some(c)
                    if c.secret == secret
                        && c.expires_at.is_none_or(|e| e > OffsetDateTime::now_utc()) =>
                {
                    app_cred = Some(c.id.clone());
                    (c.user_id.clone(), Some(c.project_id.clone()))
                }
                _ => return denied(),
            }
        }
        other => {
            return keystone_error(
                401,
                format!("Attempted to authenticate with an unsupported method: {other}"),
            );
        }
    };
    let mut domain = None;
    let project = match scope {
        ScopeReq::Domain => {
            // Application credentials are project-scoped; a domain scope needs a role on it.
            if app_cred.is_some() || st.domain_roles(&user_id).is_empty() {
                return denied();
            }
            domain = Some(DOMAIN_ID.to_owned());
            None
        }
        ScopeReq::Project(p) => {
            if app_cred.is_some() && inherited_project.as_deref() != Some(p.as_str()) {
                return denied();
            }
            Some(p)
        }
        ScopeReq::Unscoped => None,
        ScopeReq::Default => {
            if inherited_project.is_some() {
                inherited_project
            } else if methods[0] == "password" {
                // As Keystone: without a role on (or with a disabled) default project, the
                // token is unscoped.
                st.user(&user_id)
                    .and_then(|u| u.default_project_id.clone())
                    .filter(|p| st.can_scope(&user_id, p))
            } else {
                None
            }
        }
    };
    if let Some(p) = &project {
        if !st.can_scope(&user_id, p) {
            return denied();
        }
    }
    let now = OffsetDateTime::now_utc();
    let ttl = time::Duration::try_from(st.cfg.token_ttl).unwrap_or(time::Duration::HOUR);
    let token = hex_id() + &hex_id();
    let rec = TokenRec {
        user_id,
        project_id: project,
        domain_id: domain,
        methods,
        issued_at: now,
        expires_at: now + ttl,
        audit_id: hex_id()[..22].to_owned(),
        app_cred,
    };
    let body = token_body(st, &rec);
    st.tokens.insert(token.clone(), rec);
    Resp::json(201, &body).header("x-subject-token", &token)
}

/// The body of a v3 token.
pub(crate) fn token_body(st: &State, rec: &TokenRec) -> Value {
    let user = st.user(&rec.user_id);
    let domain = json!({"id": DOMAIN_ID, "name": DOMAIN_NAME});
    let mut token = json!({
        "audit_ids": [rec.audit_id],
        "expires_at": iso_micro(rec.expires_at),
        "issued_at": iso_micro(rec.issued_at),
        "methods": rec.methods,
        "user": {"domain": domain, "id": rec.user_id,
                 "name": user.map(|u| u.name.clone()).unwrap_or_default(),
                 "password_expires_at": null},
    });
    if let Some(p) = &rec.project_id {
        let roles: Vec<Value> = st
            .project_roles(&rec.user_id, p)
            .iter()
            .map(|r| json!({"id": r.id, "name": r.name}))
            .collect();
        token["project"] = json!({"domain": domain, "id": p,
            "name": st.project(p).map(|x| x.name.clone()).unwrap_or_default()});
        token["roles"] = Value::Array(roles);
        token["is_domain"] = Value::Bool(false);
        token["catalog"] = catalog(st, Some(p));
    } else if rec.domain_id.is_some() {
        let roles: Vec<Value> = st
            .domain_roles(&rec.user_id)
            .iter()
            .map(|r| json!({"id": r.id, "name": r.name}))
            .collect();
        token["domain"] = domain.clone();
        token["roles"] = Value::Array(roles);
        token["catalog"] = domain_catalog(st);
    }
    if let Some(ac) = &rec.app_cred {
        if let Some(c) = st.app_creds.iter().find(|c| &c.id == ac) {
            token["application_credential"] =
                json!({"id": c.id, "name": c.name, "restricted": true});
        }
    }
    json!({ "token": token })
}

fn validate(st: &State, req: &Req) -> Resp {
    if caller(st, req).is_none() {
        return unauthorized();
    }
    let subject = req.header("x-subject-token").unwrap_or_default();
    match st.tokens.get(subject) {
        Some(rec) if rec.expires_at > OffsetDateTime::now_utc() => {
            let resp = Resp::json(200, &token_body(st, rec)).header("x-subject-token", subject);
            if req.method == http::Method::HEAD {
                resp.with_body(Vec::new())
            } else {
                resp
            }
        }
        _ => keystone_error(404, format!("Could not find token: {subject}.")),
    }
}

fn revoke(st: &mut State, req: &Req) -> Resp {
    if caller(st, req).is_none() {
        return unauthorized();
    }
    let subject = req.header("x-subject-token").unwrap_or_default().to_owned();
    match st.tokens.remove(&subject) {
        Some(_) => Resp::new(204),
        None => keystone_error(404, format!("Could not find token: {subject}.")),
    }
}

fn issue_v2(st: &mut State, req: &Req) -> Resp {
    let Some(auth) = req.json().and_then(|b| b.get("auth").cloned()) else {
        return keystone_error(400, "Expecting to find auth in request body.");
    };
    let denied = || keystone_error(401, "The request you have made requires authentication.");
    let user_id = if let Some(pc) = auth.get("passwordCredentials") {
        let name = pc.get("username").and_then(Value::as_str);
        let uid = pc.get("userId").and_then(Value::as_str);
        let pw = pc
            .get("password")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match st
            .users
            .iter()
            .find(|u| Some(u.name.as_str()) == name || Some(u.id.as_str()) == uid)
        {
            Some(u) if u.password_ok(pw) => u.id.clone(),
            _ => return denied(),
        }
    } else if let Some(id) = auth.pointer("/token/id").and_then(Value::as_str) {
        match st.tokens.get(id) {
            Some(t) if t.expires_at > OffsetDateTime::now_utc() => t.user_id.clone(),
            _ => return denied(),
        }
    } else {
        return keystone_error(
            400,
            "Expecting to find passwordCredentials or token in auth.",
        );
    };
    let project = if let Some(id) = auth.get("tenantId").and_then(Value::as_str) {
        st.project(id).map(|p| p.id.clone())
    } else if let Some(n) = auth.get("tenantName").and_then(Value::as_str) {
        st.projects
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.id.clone())
    } else {
        st.user(&user_id).and_then(|u| u.default_project_id.clone())
    };
    let Some(project) = project else {
        return denied();
    };
    if !st.can_scope(&user_id, &project) {
        return denied();
    }
    let roles = st.roles(&user_id, &project);
    let now = OffsetDateTime::now_utc();
    let ttl = time::Duration::try_from(st.cfg.token_ttl).unwrap_or(time::Duration::HOUR);
    let token = hex_id() + &hex_id();
    let rec = TokenRec {
        user_id: user_id.clone(),
        project_id: Some(project.clone()),
        domain_id: None,
        methods: vec!["password".into()],
        issued_at: now,
        expires_at: now + ttl,
        audit_id: hex_id()[..22].to_owned(),
        app_cred: None,
    };
    let pname = st
        .project(&project)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let uname = st
        .user(&user_id)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let body = json!({"access": {
        "token": {"id": token, "issued_at": iso(now), "expires": iso(rec.expires_at),
                  "audit_ids": [rec.audit_id],
                  "tenant": {"id": project, "name": pname, "enabled": true, "description": null}},
        "serviceCatalog": v2_catalog(st, &project),
        "user": {"id": user_id, "name": uname, "username": uname, "roles_links": [],
                 "roles": roles.iter().map(|r| json!({"name": r})).collect::<Vec<_>>()},
        "metadata": {"is_admin": 0, "roles": []}}});
    st.tokens.insert(token, rec);
    Resp::json(200, &body)
}

fn app_cred_json(st: &State, c: &AppCred) -> Value {
    json!({"id": c.id, "name": c.name, "description": c.description, "user_id": c.user_id,
           "project_id": c.project_id, "expires_at": c.expires_at.map(iso_micro),
           "unrestricted": false, "system": null, "access_rules": [],
           "roles": st.project_roles(&c.user_id, &c.project_id).iter().map(|r| json!({"id": r.id, "name": r.name, "domain_id": null})).collect::<Vec<_>>(),
           "links": {"self": format!("{}/identity/v3/users/{}/application_credentials/{}", st.base, c.user_id, c.id)}})
}

fn app_creds(st: &mut State, req: &Req, user: &str, rest: &[&str]) -> Resp {
    let Some(rec) = caller(st, req) else {
        return unauthorized();
    };
    if rec.user_id != user {
        return keystone_error(
            403,
            "You are not authorized to perform the requested action.",
        );
    }
    match (req.method.as_str(), rest) {
        ("GET", []) => {
            let list: Vec<Value> = st
                .app_creds
                .iter()
                .filter(|c| c.user_id == user)
                .filter(|c| req.q("name").is_none_or(|n| n == c.name))
                .map(|c| app_cred_json(st, c))
                .collect();
            Resp::json(
                200,
                &json!({"application_credentials": list, "links": {"self": null, "previous": null, "next": null}}),
            )
        }
        ("POST", []) => {
            let Some(ac) = req
                .json()
                .and_then(|b| b.get("application_credential").cloned())
            else {
                return keystone_error(400, "'application_credential' is a required property");
            };
            let Some(name) = ac.get("name").and_then(Value::as_str) else {
                return keystone_error(400, "'name' is a required property");
            };
            let Some(project) = rec.project_id.clone() else {
                return keystone_error(400, "Application credentials need a project-scoped token.");
            };
            if st
                .app_creds
                .iter()
                .any(|c| c.user_id == user && c.name == name)
            {
                return keystone_error(409, "Conflict occurred attempting to store application_credential - Duplicate name.");
            }
            let secret = ac
                .get("secret")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| hex_id() + &hex_id());
            let c = AppCred {
                id: hex_id(),
                name: name.to_owned(),
                secret: secret.clone(),
                user_id: user.to_owned(),
                project_id: project,
                description: ac
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                expires_at: None,
            };
            let mut v = app_cred_json(st, &c);
            v["secret"] = Value::String(secret);
            st.app_creds.push(c);
            Resp::json(201, &json!({ "application_credential": v }))
        }
        ("GET", [id]) => match st
            .app_creds
            .iter()
            .find(|c| c.id == *id && c.user_id == user)
        {
            Some(c) => Resp::json(
                200,
                &json!({"application_credential": app_cred_json(st, c)}),
            ),
            None => keystone_error(404, format!("Could not find application credential: {id}.")),
        },
        ("DELETE", [id]) => {
            let before = st.app_creds.len();
            st.app_creds.retain(|c| !(c.id == *id && c.user_id == user));
            if st.app_creds.len() == before {
                keystone_error(404, format!("Could not find application credential: {id}."))
            } else {
                Resp::new(204)
            }
        }
        _ => keystone_error(405, "The method is not allowed for the requested URL."),
    }
}

/// Creates an application credential for a user (the emulator's helper).
pub(crate) fn create_app_cred(
    st: &mut State,
    user_id: &str,
    project_id: &str,
    name: &str,
) -> (String, String) {
    let c = AppCred {
        id: hex_id(),
        name: name.to_owned(),
        secret: hex_id() + &hex_id(),
        user_id: user_id.to_owned(),
        project_id: project_id.to_owned(),
        description: None,
        expires_at: None,
    };
    let out = (c.id.clone(), c.secret.clone());
    st.app_creds.push(c);
    out
}
