//! Differential fidelity of the Keystone administration API: the same scenario (projects,
//! users, grants, role assignments with names, a created user's token, the 401/403/404
//! answers) runs against the real Keystone and against the emulator; every call must give
//! the same status, and every key of the real response must be in the emulator's. Needs the
//! real Keystone (`cargo xtask realcloud up`).
#![allow(clippy::unwrap_used)]

use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::{ProviderClient, Request, ServiceClient};
use openstack_emulator::Emulator;
use openstack_test_support::realcloud;
use serde_json::{json, Value};

fn walk(real: &Value, emu: &Value, path: &str, checked: &mut usize, missing: &mut Vec<String>) {
    match (real, emu) {
        (Value::Object(r), Value::Object(e)) => {
            for (k, rv) in r {
                *checked += 1;
                let p = format!("{path}/{k}");
                match e.get(k) {
                    None => missing.push(p),
                    // Resource options are data: only their presence is checked.
                    Some(_) if k == "options" => {}
                    Some(ev) => walk(rv, ev, &p, checked, missing),
                }
            }
        }
        (Value::Array(r), Value::Array(e)) => {
            if let (Some(r0), Some(e0)) = (r.first(), e.first()) {
                walk(r0, e0, &format!("{path}/0"), checked, missing);
            }
        }
        _ => {}
    }
}

/// `text` with every 32-hex-digit id replaced by `<id>`.
fn without_ids(text: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.len() == 32 && word.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.push_str("<id>");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Every status is accepted: the scenario records it.
const ANY: std::ops::Range<u16> = 200..600;

/// One call: its status and JSON body (`null` when empty).
async fn call(c: &ServiceClient, r: Request) -> (u16, Value) {
    let resp = c.send(r.ok_status(ANY)).await.unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

fn post(path: &str, body: &Value) -> Request {
    Request::post(path).json(body).unwrap()
}

fn patch(path: &str, body: &Value) -> Request {
    Request::patch(path).json(body).unwrap()
}

type Calls = Vec<(String, u16, Value)>;

/// The scenario; `names` makes the resources unique. Cleans up what it created.
async fn scenario(p: &ProviderClient, names: &str) -> Calls {
    let ks = openstack_identity::client(p).unwrap();
    let auth_url = ks.endpoint().as_str().trim_end_matches('/').to_owned();
    let mut out: Calls = Vec::new();
    let mut rec = |what: &str, (s, v): (u16, Value)| {
        out.push((what.to_owned(), s, v.clone()));
        v
    };
    let project = rec(
        "create project",
        call(
            &ks,
            post(
                "projects",
                &json!({"project": {"name": format!("{names}-p"), "description": "d",
                                    "domain_id": "default", "tags": ["t"]}}),
            ),
        )
        .await,
    );
    let pid = project["project"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    rec(
        "get project",
        call(&ks, Request::get(format!("projects/{pid}"))).await,
    );
    rec(
        "duplicate project (409)",
        call(
            &ks,
            post(
                "projects",
                &json!({"project": {"name": format!("{names}-p")}}),
            ),
        )
        .await,
    );
    rec(
        "project in an unknown domain (400)",
        call(
            &ks,
            post(
                "projects",
                &json!({"project": {"name": format!("{names}-q"), "domain_id": "nope"}}),
            ),
        )
        .await,
    );
    rec(
        "user without a name (400)",
        call(&ks, post("users", &json!({"user": {}}))).await,
    );
    rec(
        "list projects by name",
        call(
            &ks,
            Request::get("projects").query_pair("name", &format!("{names}-p")),
        )
        .await,
    );
    rec(
        "update project",
        call(
            &ks,
            patch(
                &format!("projects/{pid}"),
                &json!({"project": {"description": null}}),
            ),
        )
        .await,
    );
    let password = format!("{names}-pw");
    let user = rec(
        "create user",
        call(
            &ks,
            post(
                "users",
                &json!({"user": {"name": format!("{names}-u"), "password": password,
                    "default_project_id": pid, "domain_id": "default",
                    "email": "u@example.com"}}),
            ),
        )
        .await,
    );
    let uid = user["user"]["id"].as_str().unwrap_or_default().to_owned();
    rec(
        "get user",
        call(&ks, Request::get(format!("users/{uid}"))).await,
    );
    rec(
        "list users by name",
        call(
            &ks,
            Request::get("users").query_pair("name", &format!("{names}-u")),
        )
        .await,
    );
    rec(
        "update user",
        call(
            &ks,
            patch(
                &format!("users/{uid}"),
                &json!({"user": {"description": "x"}}),
            ),
        )
        .await,
    );
    let member = rec(
        "list roles by name",
        call(&ks, Request::get("roles").query_pair("name", "member")).await,
    );
    let member = member["roles"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let reader = call(&ks, Request::get("roles").query_pair("name", "reader")).await;
    let reader = reader.1["roles"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // Scoping to a project without a role is refused.
    let scoped = |project: &str| {
        AuthOptions::password(
            auth_url.clone(),
            UserRef::name(format!("{names}-u"), DomainRef::id("default")),
            password.clone(),
        )
        .scope(Scope::Project(ProjectRef::id(project)))
    };
    let on_domain = || {
        AuthOptions::password(
            auth_url.clone(),
            UserRef::name(format!("{names}-u"), DomainRef::id("default")),
            password.clone(),
        )
        .scope(Scope::Domain(DomainRef::id("default")))
    };
    let status_of = |r: openstack_core::Result<ProviderClient>| {
        r.err().and_then(|e| e.status()).map_or(0, |s| s.as_u16())
    };
    let before = ProviderClient::authenticate(scoped(&pid)).await;
    out.push((
        "scope without a role".into(),
        status_of(before),
        Value::Null,
    ));
    let before = ProviderClient::authenticate(on_domain()).await;
    out.push((
        "domain scope without a role".into(),
        status_of(before),
        Value::Null,
    ));
    let grant = format!("projects/{pid}/users/{uid}/roles/{member}");
    let mut rec = |what: &str, (s, v): (u16, Value)| {
        out.push((what.to_owned(), s, v.clone()));
        v
    };
    rec(
        "check missing grant",
        call(&ks, Request::head(&grant)).await,
    );
    rec(
        "grant of an unknown role (404)",
        call(&ks, Request::put("projects/nope/users/nope/roles/nope")).await,
    );
    rec(
        "grant to an unknown user (404)",
        call(
            &ks,
            Request::put(format!("projects/nope/users/nope/roles/{member}")),
        )
        .await,
    );
    rec(
        "grant on an unknown domain (404)",
        call(
            &ks,
            Request::put(format!("domains/nope/users/nope/roles/{member}")),
        )
        .await,
    );
    rec("grant on project", call(&ks, Request::put(&grant)).await);
    rec("check grant", call(&ks, Request::head(&grant)).await);
    rec(
        "grant on domain",
        call(
            &ks,
            Request::put(format!("domains/default/users/{uid}/roles/{reader}")),
        )
        .await,
    );
    match ProviderClient::authenticate(on_domain()).await {
        Ok(dp) => {
            let t = dp.token().await.unwrap();
            let id = secrecy::ExposeSecret::expose_secret(&t.id).to_owned();
            rec(
                "validate a domain-scoped token",
                call(
                    &ks,
                    Request::get("auth/tokens")
                        .header("X-Subject-Token", &id)
                        .unwrap(),
                )
                .await,
            );
        }
        Err(e) => {
            rec(
                "domain-scoped token",
                (e.status().map_or(0, |s| s.as_u16()), Value::Null),
            );
        }
    }
    rec(
        "list granted roles",
        call(
            &ks,
            Request::get(format!("projects/{pid}/users/{uid}/roles")),
        )
        .await,
    );
    rec(
        "assignments of the user",
        call(
            &ks,
            Request::get("role_assignments").query_pair("user.id", &uid),
        )
        .await,
    );
    rec(
        "assignments on the project with names",
        call(
            &ks,
            Request::get("role_assignments")
                .query_pair("scope.project.id", &pid)
                .query_pair("include_names", "true"),
        )
        .await,
    );
    rec(
        "effective assignments of the user with names",
        call(
            &ks,
            Request::get("role_assignments")
                .query_pair("user.id", &uid)
                .query_pair("effective", "true")
                .query_pair("include_names", "true"),
        )
        .await,
    );
    // The new user's token, and what a member may not do.
    match ProviderClient::authenticate(scoped(&pid)).await {
        Ok(up) => {
            let t = up.token().await.unwrap();
            let id = secrecy::ExposeSecret::expose_secret(&t.id).to_owned();
            rec(
                "validate the user's token",
                call(
                    &ks,
                    Request::get("auth/tokens")
                        .header("X-Subject-Token", &id)
                        .unwrap(),
                )
                .await,
            );
            let uks = openstack_identity::client(&up).unwrap();
            rec(
                "member creates a project (403)",
                call(
                    &uks,
                    post(
                        "projects",
                        &json!({"project": {"name": format!("{names}-x")}}),
                    ),
                )
                .await,
            );
        }
        Err(e) => {
            rec(
                "user token",
                (e.status().map_or(0, |s| s.as_u16()), Value::Null),
            );
        }
    }
    rec("revoke grant", call(&ks, Request::delete(&grant)).await);
    rec(
        "revoke missing grant (404)",
        call(&ks, Request::delete(&grant)).await,
    );
    rec(
        "delete user",
        call(&ks, Request::delete(format!("users/{uid}"))).await,
    );
    rec(
        "get deleted user (404)",
        call(&ks, Request::get(format!("users/{uid}"))).await,
    );
    rec(
        "delete project",
        call(&ks, Request::delete(format!("projects/{pid}"))).await,
    );
    rec(
        "get deleted project (404)",
        call(&ks, Request::get(format!("projects/{pid}"))).await,
    );
    out
}

/// What a member (`demo`) may read and do.
async fn member_scenario(p: &ProviderClient) -> Calls {
    let ks = openstack_identity::client(p).unwrap();
    let token = p.token().await.unwrap();
    let me = token.user.as_ref().unwrap().id.clone();
    let project = token.project.as_ref().unwrap().id.clone();
    let mut out: Calls = Vec::new();
    for (what, r) in [
        ("member lists users", Request::get("users")),
        ("member lists projects", Request::get("projects")),
        ("member lists roles", Request::get("roles")),
        ("member lists domains", Request::get("domains")),
        (
            "member lists own assignments",
            Request::get("role_assignments").query_pair("user.id", &me),
        ),
        ("member gets self", Request::get(format!("users/{me}"))),
        ("member gets a missing user", Request::get("users/nope")),
        (
            "member gets own project",
            Request::get(format!("projects/{project}")),
        ),
        (
            "member gets a missing project",
            Request::get("projects/nope"),
        ),
        (
            "member lists own projects",
            Request::get(format!("users/{me}/projects")),
        ),
        ("member gets the domain", Request::get("domains/default")),
        ("member deletes a user", Request::delete("users/nope")),
    ] {
        let (status, body) = call(&ks, r).await;
        out.push((what.to_owned(), status, body));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keystone_administration_matches_the_real_keystone() {
    let Some(real) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("keystone") {
        return;
    }
    let emu = Emulator::start().await.unwrap();
    let fake = emu.provider().await.unwrap();
    let names = realcloud::unique_name("ks-diff");
    let mut real_calls = scenario(&real, &names).await;
    let mut emu_calls = scenario(&fake, &names).await;
    if let Some(real_demo) = realcloud::client("demo").await {
        real_calls.extend(member_scenario(&real_demo).await);
        emu_calls.extend(member_scenario(&emu.demo_provider().await.unwrap()).await);
    }
    assert_eq!(real_calls.len(), emu_calls.len());
    let mut checked = 0;
    let mut messages = 0;
    let mut problems = Vec::new();
    for ((call, rs, r), (_, es, e)) in real_calls.iter().zip(&emu_calls) {
        if rs != es {
            problems.push(format!(
                "{call}: status {rs} on the real Keystone, {es} emulated"
            ));
        }
        // Error messages must match too, ids aside.
        if let (Some(rm), Some(em)) = (
            r.pointer("/error/message").and_then(Value::as_str),
            e.pointer("/error/message").and_then(Value::as_str),
        ) {
            messages += 1;
            if without_ids(rm) != without_ids(em) {
                problems.push(format!(
                    "{call}: message {rm:?} on the real Keystone, {em:?} emulated"
                ));
            }
        }
        let mut c = 0;
        let mut m = Vec::new();
        walk(r, e, "", &mut c, &mut m);
        println!(
            "keystone diff: {call}: HTTP {rs}/{es}, {}/{c} real keys present",
            c - m.len()
        );
        checked += c;
        problems.extend(m.into_iter().map(|k| format!("{call}: MISSING {k}")));
    }
    println!(
        "keystone diff coverage: {} calls, {checked} real keys checked, {messages} error messages compared, {} problems",
        real_calls.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
