//! Keystone v3 administration: projects, users, roles, domains (read-only), role grants on
//! projects and domains, and `GET /v3/role_assignments`.
//!
//! Only a token with the `admin` role on its project may write (`403` with Keystone's body
//! otherwise). Other users may read only their own user, its projects, the projects they
//! have a role on and the domain, as with Keystone's default policy.

use serde_json::{json, Map, Value};

use crate::http::{hex_id, keystone_error, matches_filters, Req, Resp};
use crate::state::{
    Grant, GrantTarget, Project, Role, State, TokenRec, User, DOMAIN_ID, DOMAIN_NAME,
};

/// Whether the token carries the `admin` role on its project.
pub(crate) fn is_admin(st: &State, rec: &TokenRec) -> bool {
    match (&rec.project_id, &rec.domain_id) {
        (Some(p), _) => st.roles(&rec.user_id, p).iter().any(|r| r == "admin"),
        (None, Some(_)) => st
            .domain_roles(&rec.user_id)
            .iter()
            .any(|r| r.name == "admin"),
        (None, None) => false,
    }
}

fn forbidden(action: &str) -> Resp {
    keystone_error(
        403,
        format!("You are not authorized to perform the requested action: identity:{action}."),
    )
}

fn not_found(kind: &str, id: &str) -> Resp {
    keystone_error(404, format!("Could not find {kind}: {id}."))
}

fn bad_request(message: impl Into<String>) -> Resp {
    keystone_error(400, message)
}

fn conflict(kind: &str, name: &str, domain: bool) -> Resp {
    let at = if domain {
        format!(" at domain ID {DOMAIN_ID}")
    } else {
        String::new()
    };
    keystone_error(
        409,
        format!(
            "Conflict occurred attempting to store {kind} - Duplicate entry found with name {name}{at}."
        ),
    )
}

/// Keystone's message for a second project with the same name.
fn project_conflict(name: &str, id: &str) -> Resp {
    keystone_error(
        409,
        format!(
            "Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is {name}, project id {id}."
        ),
    )
}

fn list_links(st: &State, path: &str) -> Value {
    json!({"self": format!("{}/identity/v3/{path}", st.base), "previous": null, "next": null})
}

/// The JSON of a project.
pub(crate) fn project_json(st: &State, p: &Project) -> Value {
    json!({"id": p.id, "name": p.name, "domain_id": DOMAIN_ID, "enabled": p.enabled,
           "is_domain": false, "parent_id": DOMAIN_ID, "description": p.description,
           "tags": p.tags, "options": p.options,
           "links": {"self": format!("{}/identity/v3/projects/{}", st.base, p.id)}})
}

fn user_json(st: &State, u: &User) -> Value {
    let mut v = json!({"id": u.id, "name": u.name, "domain_id": DOMAIN_ID, "enabled": u.enabled,
           "password_expires_at": null, "options": u.options, "federated": [],
           "links": {"self": format!("{}/identity/v3/users/{}", st.base, u.id)}});
    if let Some(p) = &u.default_project_id {
        v["default_project_id"] = json!(p);
    }
    if let Some(d) = &u.description {
        v["description"] = json!(d);
    }
    for (k, x) in &u.extra {
        v[k.as_str()] = x.clone();
    }
    v
}

fn role_json(st: &State, r: &Role) -> Value {
    json!({"id": r.id, "name": r.name, "domain_id": r.domain_id, "description": r.description,
           "options": r.options, "links": {"self": format!("{}/identity/v3/roles/{}", st.base, r.id)}})
}

fn domain_json(st: &State) -> Value {
    json!({"id": DOMAIN_ID, "name": DOMAIN_NAME, "description": "The default domain", "enabled": true,
           "tags": [], "options": {}, "links": {"self": format!("{}/identity/v3/domains/{DOMAIN_ID}", st.base)}})
}

/// The object under `key` in the request body.
fn body_obj(req: &Req, key: &str) -> Result<Map<String, Value>, Resp> {
    match req.json().and_then(|b| b.get(key).cloned()) {
        Some(Value::Object(m)) => Ok(m),
        Some(_) => Err(bad_request(format!(
            "Invalid input for field '{key}': it must be an object."
        ))),
        None => Err(bad_request(format!("'{key}' is a required property"))),
    }
}

/// An optional string field (`null` allowed when `nullable`): `Ok(None)` when absent,
/// `Ok(Some(None))` for `null`.
#[allow(clippy::option_option)]
fn opt_str(m: &Map<String, Value>, key: &str) -> Result<Option<Option<String>>, Resp> {
    match m.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(_) => Err(bad_request(format!(
            "Invalid input for field '{key}': it must be a string."
        ))),
    }
}

fn opt_bool(m: &Map<String, Value>, key: &str) -> Result<Option<bool>, Resp> {
    match m.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(bad_request(format!(
            "Invalid input for field '{key}': it must be a boolean."
        ))),
    }
}

/// The `name` of a `key` body (`project`, `user`, `role`), with Keystone's messages.
fn name_field(m: &Map<String, Value>, key: &str) -> Result<String, Resp> {
    match m.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() && s.len() <= 255 => Ok(s.clone()),
        Some(v) => Err(bad_request(format!(
            "Invalid input for field/attribute name. Value: {v}. It must be a non-empty string of at most 255 characters."
        ))),
        None => Err(bad_request(format!(
            "Invalid input for field/attribute {key}. Value: {}. 'name' is a required property",
            Value::Object(m.clone())
        ))),
    }
}

/// An optional `domain_id`: only `default` exists (Keystone answers `400` otherwise).
fn domain_field(m: &Map<String, Value>) -> Result<(), Resp> {
    match opt_str(m, "domain_id")? {
        None | Some(None) => Ok(()),
        Some(Some(d)) if d == DOMAIN_ID => Ok(()),
        Some(Some(d)) => Err(bad_request(format!("Could not find domain: {d}."))),
    }
}

/// Merges an `options` patch (a `null` value removes the option).
fn merge_options(target: &mut Value, patch: Option<&Value>) -> Result<(), Resp> {
    match patch {
        None => Ok(()),
        Some(Value::Object(p)) => {
            if !target.is_object() {
                *target = json!({});
            }
            if let Some(t) = target.as_object_mut() {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(k);
                    } else {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
            Ok(())
        }
        Some(_) => Err(bad_request(
            "Invalid input for field 'options': it must be an object.",
        )),
    }
}

fn tags_field(m: &Map<String, Value>) -> Result<Option<Vec<String>>, Resp> {
    match m.get("tags") {
        None => Ok(None),
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => Ok(Some(
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        )),
        Some(_) => Err(bad_request(
            "Invalid input for field 'tags': it must be a list of strings.",
        )),
    }
}

/// Keystone's `query_filter_is_true`: present and not `0`.
fn flag(req: &Req, key: &str) -> bool {
    req.q(key).is_some_and(|v| v != "0")
}

/// The filters of a list call that apply to the given keys.
fn filters(req: &Req, keys: &[&str]) -> Vec<(String, String)> {
    req.query
        .iter()
        .filter(|(k, _)| keys.contains(&k.as_str()))
        .cloned()
        .collect()
}

/// Handles `/identity/v3/{projects,users,roles,domains,role_assignments}...` for a valid
/// token (`segs` starts at the collection).
pub(crate) fn handle(st: &mut State, req: &Req, rec: &TokenRec, segs: &[&str]) -> Resp {
    let admin = is_admin(st, rec);
    let head = req.method == http::Method::HEAD;
    let m = if head { "GET" } else { req.method.as_str() };
    let resp = match (m, segs) {
        // Keystone's default policy for other users: no listings; only their own user, its
        // projects, the projects they have a role on, and the domain (checked before any
        // lookup, so a missing resource is a 403 too).
        ("GET", ["projects"]) if !admin => forbidden("list_projects"),
        ("GET", ["projects", id]) if !admin && st.roles(&rec.user_id, id).is_empty() => {
            forbidden("get_project")
        }
        ("GET", ["users"]) if !admin => forbidden("list_users"),
        ("GET", ["users", id]) if !admin && *id != rec.user_id => forbidden("get_user"),
        ("GET", ["users", id, "projects"]) if !admin && *id != rec.user_id => {
            forbidden("list_user_projects")
        }
        ("GET", ["roles"]) if !admin => forbidden("list_roles"),
        ("GET", ["roles", _]) if !admin => forbidden("get_role"),
        ("GET", ["domains"]) if !admin => forbidden("list_domains"),
        ("GET", ["domains", id]) if !admin && *id != DOMAIN_ID => forbidden("get_domain"),
        ("GET", ["role_assignments"]) if !admin => forbidden("list_role_assignments"),
        // Projects.
        ("GET", ["projects"]) => {
            let f = filters(
                req,
                &["name", "domain_id", "enabled", "parent_id", "is_domain"],
            );
            let list: Vec<Value> = st
                .projects
                .iter()
                .map(|p| project_json(st, p))
                .filter(|v| matches_filters(v, &f))
                .collect();
            Resp::json(
                200,
                &json!({"projects": list, "links": list_links(st, "projects")}),
            )
        }
        ("GET", ["projects", id]) => match st.project(id) {
            Some(p) => Resp::json(200, &json!({"project": project_json(st, p)})),
            None => not_found("project", id),
        },
        ("POST", ["projects"]) if !admin => forbidden("create_project"),
        ("POST", ["projects"]) => create_project(st, req),
        ("PATCH", ["projects", _]) if !admin => forbidden("update_project"),
        ("PATCH", ["projects", id]) => update_project(st, req, id),
        ("DELETE", ["projects", _]) if !admin => forbidden("delete_project"),
        ("DELETE", ["projects", id]) => delete_project(st, id),
        // Users.
        ("GET", ["users"]) => {
            let f = filters(req, &["name", "domain_id", "enabled"]);
            let list: Vec<Value> = st
                .users
                .iter()
                .map(|u| user_json(st, u))
                .filter(|v| matches_filters(v, &f))
                .collect();
            Resp::json(
                200,
                &json!({"users": list, "links": list_links(st, "users")}),
            )
        }
        ("GET", ["users", id]) => match st.user(id) {
            Some(u) => Resp::json(200, &json!({"user": user_json(st, u)})),
            None => not_found("user", id),
        },
        ("GET", ["users", id, "projects"]) => {
            if st.user(id).is_none() {
                not_found("user", id)
            } else {
                let list: Vec<Value> = st
                    .projects
                    .iter()
                    .filter(|p| !st.roles(id, &p.id).is_empty())
                    .map(|p| project_json(st, p))
                    .collect();
                Resp::json(
                    200,
                    &json!({"projects": list, "links": list_links(st, &format!("users/{id}/projects"))}),
                )
            }
        }
        ("POST", ["users"]) if !admin => forbidden("create_user"),
        ("POST", ["users"]) => create_user(st, req),
        ("PATCH", ["users", _]) if !admin => forbidden("update_user"),
        ("PATCH", ["users", id]) => update_user(st, req, id),
        ("DELETE", ["users", _]) if !admin => forbidden("delete_user"),
        ("DELETE", ["users", id]) => delete_user(st, id),
        // Roles.
        ("GET", ["roles"]) => {
            let domain = req.q("domain_id");
            let list: Vec<Value> = st
                .roles
                .iter()
                .filter(|r| r.domain_id.as_deref() == domain)
                .filter(|r| req.q("name").is_none_or(|n| r.name == n))
                .map(|r| role_json(st, r))
                .collect();
            Resp::json(
                200,
                &json!({"roles": list, "links": list_links(st, "roles")}),
            )
        }
        ("GET", ["roles", id]) => match st.role(id) {
            Some(r) => Resp::json(200, &json!({"role": role_json(st, r)})),
            None => not_found("role", id),
        },
        ("POST", ["roles"]) if !admin => forbidden("create_role"),
        ("POST", ["roles"]) => create_role(st, req),
        ("PATCH", ["roles", _]) if !admin => forbidden("update_role"),
        ("PATCH", ["roles", id]) => update_role(st, req, id),
        ("DELETE", ["roles", _]) if !admin => forbidden("delete_role"),
        ("DELETE", ["roles", id]) => {
            if st.role(id).is_none() {
                not_found("role", id)
            } else {
                st.roles.retain(|r| r.id != *id);
                st.grants.retain(|g| g.role_id != *id);
                Resp::new(204)
            }
        }
        // Domains: only `default`.
        ("GET", ["domains"]) => {
            let list: Vec<Value> = [domain_json(st)]
                .into_iter()
                .filter(|v| matches_filters(v, &filters(req, &["name", "enabled"])))
                .collect();
            Resp::json(
                200,
                &json!({"domains": list, "links": list_links(st, "domains")}),
            )
        }
        ("GET", ["domains", id]) if *id == DOMAIN_ID => {
            Resp::json(200, &json!({"domain": domain_json(st)}))
        }
        ("GET", ["domains", id]) => not_found("domain", id),
        (_, ["domains"] | ["domains", _]) => keystone_error(
            501,
            "The emulator models one domain (default): domains cannot be created, changed or deleted.",
        ),
        // Grants.
        (_, [kind @ ("projects" | "domains"), target, "users", user, "roles", rest @ ..])
            if rest.len() <= 1 =>
        {
            grants(st, m, admin, kind, target, user, rest.first().copied())
        }
        (_, ["projects" | "domains", _, "groups", group, "roles", ..]) => not_found("group", group),
        ("GET", ["role_assignments"]) => assignments(st, req),
        (_, ["projects" | "users" | "roles" | "role_assignments"])
        | (_, ["projects" | "users" | "roles", _]) => {
            keystone_error(405, "The method is not allowed for the requested URL.")
        }
        _ => keystone_error(404, "The resource could not be found."),
    };
    if head {
        resp.with_body(Vec::new())
    } else {
        resp
    }
}

fn create_project(st: &mut State, req: &Req) -> Resp {
    let b = match body_obj(req, "project") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let parse = || -> Result<Project, Resp> {
        let name = name_field(&b, "project")?;
        domain_field(&b)?;
        match opt_str(&b, "parent_id")? {
            None | Some(None) => {}
            Some(Some(p)) if p == DOMAIN_ID => {}
            Some(Some(_)) => {
                return Err(bad_request(
                    "Project hierarchies are not modelled by the emulator: parent_id must be the domain.",
                ))
            }
        }
        if opt_bool(&b, "is_domain")? == Some(true) {
            return Err(bad_request(
                "Projects acting as domains are not modelled by the emulator.",
            ));
        }
        let mut options = json!({});
        merge_options(&mut options, b.get("options"))?;
        Ok(Project {
            id: hex_id(),
            name,
            description: Some(opt_str(&b, "description")?.flatten().unwrap_or_default()),
            enabled: opt_bool(&b, "enabled")?.unwrap_or(true),
            tags: tags_field(&b)?.unwrap_or_default(),
            options,
        })
    };
    let p = match parse() {
        Ok(p) => p,
        Err(e) => return e,
    };
    if let Some(other) = st.projects.iter().find(|x| x.name == p.name) {
        return project_conflict(&p.name, &other.id);
    }
    let body = json!({"project": project_json(st, &p)});
    st.projects.push(p);
    Resp::json(201, &body)
}

fn update_project(st: &mut State, req: &Req, id: &str) -> Resp {
    let Some(i) = st.projects.iter().position(|p| p.id == id) else {
        return not_found("project", id);
    };
    let b = match body_obj(req, "project") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let mut p = st.projects[i].clone();
    let apply = |p: &mut Project| -> Result<(), Resp> {
        if b.contains_key("name") {
            p.name = name_field(&b, "project")?;
        }
        if b.contains_key("domain_id")
            && opt_str(&b, "domain_id")?.flatten().as_deref() != Some(DOMAIN_ID)
        {
            return Err(bad_request("Cannot change the domain of a project."));
        }
        if let Some(d) = opt_str(&b, "description")? {
            p.description = d;
        }
        if let Some(e) = opt_bool(&b, "enabled")? {
            p.enabled = e;
        }
        if let Some(t) = tags_field(&b)? {
            p.tags = t;
        }
        merge_options(&mut p.options, b.get("options"))
    };
    if let Err(e) = apply(&mut p) {
        return e;
    }
    if let Some(other) = st.projects.iter().find(|x| x.id != id && x.name == p.name) {
        return project_conflict(&p.name, &other.id);
    }
    if !p.enabled {
        // Keystone revokes the tokens scoped to a disabled project.
        st.tokens.retain(|_, t| t.project_id.as_deref() != Some(id));
    }
    let mut v = project_json(st, &p);
    // Keystone's PATCH answers also carry the `extra` attributes.
    v["extra"] = json!({});
    st.projects[i] = p;
    Resp::json(200, &json!({ "project": v }))
}

fn delete_project(st: &mut State, id: &str) -> Resp {
    if st.project(id).is_none() {
        return not_found("project", id);
    }
    st.projects.retain(|p| p.id != id);
    st.grants
        .retain(|g| g.target != GrantTarget::Project(id.to_owned()));
    st.tokens.retain(|_, t| t.project_id.as_deref() != Some(id));
    st.app_creds.retain(|c| c.project_id != id);
    Resp::new(204)
}

/// Keys of a user body that are not stored as extra attributes.
const USER_KEYS: &[&str] = &[
    "id",
    "links",
    "name",
    "domain_id",
    "password",
    "default_project_id",
    "enabled",
    "description",
    "options",
    "password_expires_at",
];

fn user_extra(b: &Map<String, Value>, extra: &mut Map<String, Value>) {
    for (k, v) in b {
        if !USER_KEYS.contains(&k.as_str()) {
            extra.insert(k.clone(), v.clone());
        }
    }
}

fn create_user(st: &mut State, req: &Req) -> Resp {
    let b = match body_obj(req, "user") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let parse = || -> Result<User, Resp> {
        let name = name_field(&b, "user")?;
        domain_field(&b)?;
        let mut options = json!({});
        merge_options(&mut options, b.get("options"))?;
        let mut extra = Map::new();
        user_extra(&b, &mut extra);
        Ok(User {
            id: hex_id(),
            name,
            password: opt_str(&b, "password")?.flatten().unwrap_or_default(),
            default_project_id: opt_str(&b, "default_project_id")?.flatten(),
            enabled: opt_bool(&b, "enabled")?.unwrap_or(true),
            description: opt_str(&b, "description")?.flatten(),
            options,
            extra,
        })
    };
    let u = match parse() {
        Ok(u) => u,
        Err(e) => return e,
    };
    if st.users.iter().any(|x| x.name == u.name) {
        return conflict("user", &u.name, true);
    }
    let body = json!({"user": user_json(st, &u)});
    st.users.push(u);
    Resp::json(201, &body)
}

fn update_user(st: &mut State, req: &Req, id: &str) -> Resp {
    let Some(i) = st.users.iter().position(|u| u.id == id) else {
        return not_found("user", id);
    };
    let b = match body_obj(req, "user") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let mut u = st.users[i].clone();
    let apply = |u: &mut User| -> Result<bool, Resp> {
        let mut revoke = false;
        if b.contains_key("name") {
            u.name = name_field(&b, "user")?;
        }
        if b.contains_key("domain_id")
            && opt_str(&b, "domain_id")?.flatten().as_deref() != Some(DOMAIN_ID)
        {
            return Err(bad_request("Cannot change Domain ID"));
        }
        if let Some(pw) = opt_str(&b, "password")? {
            u.password = pw.unwrap_or_default();
            revoke = true;
        }
        if let Some(p) = opt_str(&b, "default_project_id")? {
            u.default_project_id = p;
        }
        if let Some(d) = opt_str(&b, "description")? {
            u.description = d;
        }
        if let Some(e) = opt_bool(&b, "enabled")? {
            u.enabled = e;
            revoke |= !e;
        }
        merge_options(&mut u.options, b.get("options"))?;
        user_extra(&b, &mut u.extra);
        Ok(revoke)
    };
    let revoke = match apply(&mut u) {
        Ok(r) => r,
        Err(e) => return e,
    };
    if st.users.iter().any(|x| x.id != id && x.name == u.name) {
        return conflict("user", &u.name, true);
    }
    if revoke {
        // A new password or a disabled user invalidates the user's tokens.
        st.tokens.retain(|_, t| t.user_id != id);
    }
    let mut v = user_json(st, &u);
    // Keystone's PATCH answers also carry the `extra` attributes (a user's description is
    // one).
    let mut extra = u.extra.clone();
    if let Some(d) = &u.description {
        extra.insert("description".into(), json!(d));
    }
    v["extra"] = Value::Object(extra);
    st.users[i] = u;
    Resp::json(200, &json!({ "user": v }))
}

fn delete_user(st: &mut State, id: &str) -> Resp {
    if st.user(id).is_none() {
        return not_found("user", id);
    }
    st.users.retain(|u| u.id != id);
    st.grants.retain(|g| g.user_id != id);
    st.tokens.retain(|_, t| t.user_id != id);
    st.app_creds.retain(|c| c.user_id != id);
    Resp::new(204)
}

fn create_role(st: &mut State, req: &Req) -> Resp {
    let b = match body_obj(req, "role") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let parse = || -> Result<Role, Resp> {
        let name = name_field(&b, "role")?;
        domain_field(&b)?;
        let mut options = json!({});
        merge_options(&mut options, b.get("options"))?;
        Ok(Role {
            id: hex_id(),
            name,
            description: opt_str(&b, "description")?.flatten(),
            domain_id: opt_str(&b, "domain_id")?.flatten(),
            options,
        })
    };
    let r = match parse() {
        Ok(r) => r,
        Err(e) => return e,
    };
    if st
        .roles
        .iter()
        .any(|x| x.name == r.name && x.domain_id == r.domain_id)
    {
        return conflict("role", &r.name, false);
    }
    let body = json!({"role": role_json(st, &r)});
    st.roles.push(r);
    Resp::json(201, &body)
}

fn update_role(st: &mut State, req: &Req, id: &str) -> Resp {
    let Some(i) = st.roles.iter().position(|r| r.id == id) else {
        return not_found("role", id);
    };
    let b = match body_obj(req, "role") {
        Ok(b) => b,
        Err(e) => return e,
    };
    let mut r = st.roles[i].clone();
    let apply = |r: &mut Role| -> Result<(), Resp> {
        if b.contains_key("name") {
            r.name = name_field(&b, "role")?;
        }
        if let Some(d) = opt_str(&b, "description")? {
            r.description = d;
        }
        merge_options(&mut r.options, b.get("options"))
    };
    if let Err(e) = apply(&mut r) {
        return e;
    }
    if st
        .roles
        .iter()
        .any(|x| x.id != id && x.name == r.name && x.domain_id == r.domain_id)
    {
        return conflict("role", &r.name, false);
    }
    let body = json!({"role": role_json(st, &r)});
    st.roles[i] = r;
    Resp::json(200, &body)
}

/// `/v3/{projects|domains}/{target}/users/{user}/roles[/{role}]`.
#[allow(clippy::too_many_arguments)]
fn grants(
    st: &mut State,
    m: &str,
    admin: bool,
    kind: &str,
    target: &str,
    user: &str,
    role: Option<&str>,
) -> Resp {
    let action = match (m, role) {
        ("GET", None) => "list_grants",
        ("GET", Some(_)) => "check_grant",
        ("PUT", Some(_)) => "create_grant",
        ("DELETE", Some(_)) => "revoke_grant",
        _ => {
            return keystone_error(405, "The method is not allowed for the requested URL.");
        }
    };
    if !admin {
        return forbidden(action);
    }
    // Keystone's order of checks: the role, then the user and the project, or the domain
    // and the user.
    if let Some(r) = role {
        if st.role(r).is_none() {
            return not_found("role", r);
        }
    }
    let target = if kind == "projects" {
        if st.user(user).is_none() {
            return not_found("user", user);
        }
        if st.project(target).is_none() {
            return not_found("project", target);
        }
        GrantTarget::Project(target.to_owned())
    } else {
        if target != DOMAIN_ID {
            return not_found("domain", target);
        }
        if st.user(user).is_none() {
            return not_found("user", user);
        }
        GrantTarget::Domain(target.to_owned())
    };
    let Some(role) = role else {
        let list: Vec<Value> = st
            .roles
            .iter()
            .filter(|r| {
                st.grants
                    .iter()
                    .any(|g| g.user_id == user && g.target == target && g.role_id == r.id)
            })
            .map(|r| role_json(st, r))
            .collect();
        let t = match &target {
            GrantTarget::Project(p) => format!("projects/{p}"),
            GrantTarget::Domain(d) => format!("domains/{d}"),
        };
        return Resp::json(
            200,
            &json!({"roles": list, "links": list_links(st, &format!("{t}/users/{user}/roles"))}),
        );
    };
    let grant = Grant {
        user_id: user.to_owned(),
        target,
        role_id: role.to_owned(),
    };
    let exists = st.grants.contains(&grant);
    let missing = || {
        let t = match &grant.target {
            GrantTarget::Project(p) | GrantTarget::Domain(p) => p.clone(),
        };
        keystone_error(
            404,
            format!(
                "Could not find role assignment with role: {role}, user or group: {user}, project, domain, or system: {t}."
            ),
        )
    };
    match m {
        "PUT" => {
            if !exists {
                st.grants.push(grant);
            }
            Resp::new(204)
        }
        "GET" if exists => Resp::new(204),
        "DELETE" if exists => {
            // Keystone revokes the user's tokens on the project or the domain.
            match &grant.target {
                GrantTarget::Project(p) => {
                    let p = p.clone();
                    st.tokens
                        .retain(|_, t| !(t.user_id == user && t.project_id.as_deref() == Some(&p)));
                }
                GrantTarget::Domain(_) => st
                    .tokens
                    .retain(|_, t| !(t.user_id == user && t.domain_id.is_some())),
            }
            st.grants.retain(|g| *g != grant);
            Resp::new(204)
        }
        _ => missing(),
    }
}

/// `GET /v3/role_assignments` with `user.id`, `role.id`, `scope.project.id`,
/// `scope.domain.id`, `group.id`, `scope.system`, `effective` and `include_names`. There are
/// no groups and no inherited grants, so effective assignments are the direct ones.
fn assignments(st: &State, req: &Req) -> Resp {
    let user_filter = req.q("user.id");
    let names = flag(req, "include_names");
    let none = req.has_q("group.id")
        || req.has_q("scope.system")
        || req.has_q("scope.OS-INHERIT:inherited_to");
    let domain = json!({"id": DOMAIN_ID, "name": DOMAIN_NAME});
    // Keystone's order: the assignment table's key (type — `UserDomain` before
    // `UserProject` —, actor, target, role).
    let mut grants: Vec<&Grant> = st.grants.iter().collect();
    grants.sort_by_key(|g| {
        let (kind, target) = match &g.target {
            GrantTarget::Domain(d) => (0, d),
            GrantTarget::Project(p) => (1, p),
        };
        (kind, &g.user_id, target, &g.role_id)
    });
    let list: Vec<Value> = grants
        .into_iter()
        .filter(|_| !none)
        .filter(|g| user_filter.is_none_or(|u| g.user_id == u))
        .filter(|g| req.q("role.id").is_none_or(|r| g.role_id == r))
        .filter(|g| {
            req.q("scope.project.id")
                .is_none_or(|p| g.target == GrantTarget::Project(p.to_owned()))
        })
        .filter(|g| {
            req.q("scope.domain.id")
                .is_none_or(|d| g.target == GrantTarget::Domain(d.to_owned()))
        })
        .map(|g| {
            let (coll, key, tid) = match &g.target {
                GrantTarget::Project(p) => ("projects", "project", p),
                GrantTarget::Domain(d) => ("domains", "domain", d),
            };
            let mut role = json!({"id": g.role_id});
            let mut user = json!({"id": g.user_id});
            let mut scope = json!({"id": tid});
            if names {
                if let Some(r) = st.role(&g.role_id) {
                    role["name"] = json!(r.name);
                    if let Some(d) = &r.domain_id {
                        role["domain"] = json!({"id": d, "name": DOMAIN_NAME});
                    }
                }
                user["name"] = json!(st.user(&g.user_id).map(|u| u.name.clone()));
                user["domain"] = domain.clone();
                match &g.target {
                    GrantTarget::Project(p) => {
                        scope["name"] = json!(st.project(p).map(|x| x.name.clone()));
                        scope["domain"] = domain.clone();
                    }
                    GrantTarget::Domain(_) => scope["name"] = json!(DOMAIN_NAME),
                }
            }
            json!({
                "links": {"assignment": format!("{}/identity/v3/{coll}/{tid}/users/{}/roles/{}",
                                                st.base, g.user_id, g.role_id)},
                "role": role, "user": user, "scope": { key: scope },
            })
        })
        .collect();
    Resp::json(
        200,
        &json!({"role_assignments": list, "links": list_links(st, "role_assignments")}),
    )
}
