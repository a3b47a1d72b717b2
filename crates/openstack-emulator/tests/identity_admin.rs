//! The emulator's Keystone v3 administration driven through `openstack-identity`: projects,
//! users, roles, grants and role assignments; authentication as a created user; `403` for
//! non-admin writes; `401` for a scope without a role.
#![allow(clippy::unwrap_used)]

use futures::TryStreamExt;
use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::{ProviderClient, Request, ServiceClient};
use openstack_emulator::Emulator;
use openstack_identity::roles::{self, Actor, AssignmentsOpts, Target};
use openstack_identity::{projects, users};
use serde_json::Value;

async fn identity(p: &ProviderClient) -> ServiceClient {
    openstack_identity::client(p).expect("identity client")
}

fn user_auth(emu: &Emulator, name: &str, password: &str, project: Option<&str>) -> AuthOptions {
    let o = AuthOptions::password(
        emu.auth_url(),
        UserRef::name(name, DomainRef::id("default")),
        password,
    );
    match project {
        Some(p) => o.scope(Scope::Project(ProjectRef::id(p))),
        None => o,
    }
}

async fn role_id(identity: &ServiceClient, name: &str) -> String {
    let found: Vec<_> = roles::list(identity, roles::ListOpts::new().name(name))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "one role named {name}: {found:?}");
    found[0].id.clone()
}

#[tokio::test]
async fn create_grant_authenticate_and_delete() {
    let emu = Emulator::start().await.unwrap();
    let admin = emu.provider().await.unwrap();
    let ks = identity(&admin).await;

    // A project, read back and found by name and domain.
    let project = projects::create(
        &ks,
        projects::CreateOpts::new("alice-project")
            .domain_id("default")
            .description("Alice's project")
            .tags(["a", "b"]),
    )
    .await
    .unwrap();
    assert_eq!(project.name, "alice-project");
    assert_eq!(project.domain_id, "default");
    assert_eq!(project.description.as_deref(), Some("Alice's project"));
    assert!(project.enabled);
    assert_eq!(project.tags, vec!["a".to_owned(), "b".to_owned()]);
    let got = projects::get(&ks, &project.id).await.unwrap();
    assert_eq!(got, project);
    let by_name: Vec<_> = projects::list(
        &ks,
        projects::ListOpts::new()
            .name("alice-project")
            .domain_id("default"),
    )
    .try_collect()
    .await
    .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].id, project.id);
    let elsewhere: Vec<_> = projects::list(&ks, projects::ListOpts::new().domain_id("other"))
        .try_collect()
        .await
        .unwrap();
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
    // A duplicate name is a 409.
    let err = projects::create(&ks, projects::CreateOpts::new("alice-project"))
        .await
        .unwrap_err();
    assert!(err.is_conflict(), "{err}");
    // Update, including clearing the description.
    let updated = projects::update(
        &ks,
        &project.id,
        projects::UpdateOpts::new()
            .name("alice-renamed")
            .clear_description(),
    )
    .await
    .unwrap();
    assert_eq!(updated.name, "alice-renamed");
    assert_eq!(updated.description, None);

    // A user with a password and a default project.
    let user = users::create(
        &ks,
        users::CreateOpts::new("alice")
            .domain_id("default")
            .default_project_id(&project.id)
            .password("S3cret!")
            .email("alice@example.com"),
    )
    .await
    .unwrap();
    assert_eq!(user.name, "alice");
    assert_eq!(
        user.default_project_id.as_deref(),
        Some(project.id.as_str())
    );
    assert_eq!(user.extra_str("email"), Some("alice@example.com"));
    assert!(
        !user.extra.contains_key("password"),
        "the password is never shown"
    );
    let got = users::get(&ks, &user.id).await.unwrap();
    assert_eq!(got.name, "alice");
    let by_name: Vec<_> = users::list(&ks, users::ListOpts::new().name("alice"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].id, user.id);

    // No role yet: a project scope is refused, and the default project gives an unscoped
    // token (as Keystone does).
    let err = ProviderClient::authenticate(user_auth(&emu, "alice", "S3cret!", Some(&project.id)))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let unscoped = ProviderClient::authenticate(user_auth(&emu, "alice", "S3cret!", None))
        .await
        .unwrap();
    assert!(unscoped.token().await.unwrap().project.is_none());

    // Grant member on the project.
    let member = role_id(&ks, "member").await;
    let target = Target::project(&project.id);
    let actor = Actor::user(&user.id);
    assert!(!roles::check(&ks, &target, &actor, &member).await.unwrap());
    roles::grant(&ks, &target, &actor, &member).await.unwrap();
    assert!(roles::check(&ks, &target, &actor, &member).await.unwrap());
    let granted: Vec<_> = roles::list_granted(&ks, &target, &actor)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(granted.len(), 1);
    assert_eq!(granted[0].name, "member");

    // The assignment, with names.
    let assignments: Vec<_> = roles::list_assignments(
        &ks,
        AssignmentsOpts::new()
            .user_id(&user.id)
            .project_id(&project.id)
            .include_names(),
    )
    .try_collect()
    .await
    .unwrap();
    assert_eq!(assignments.len(), 1, "{assignments:?}");
    let a = &assignments[0];
    assert_eq!(a.role.id, member);
    assert_eq!(a.role.name.as_deref(), Some("member"));
    let u = a.user.as_ref().unwrap();
    assert_eq!(u.id, user.id);
    assert_eq!(u.name.as_deref(), Some("alice"));
    assert_eq!(u.domain.as_ref().unwrap().id, "default");
    let p = a.scope.project.as_ref().unwrap();
    assert_eq!(p.id, project.id);
    assert_eq!(p.name.as_deref(), Some("alice-renamed"));
    assert!(a.links.assignment.as_deref().unwrap().ends_with(&format!(
        "/v3/projects/{}/users/{}/roles/{member}",
        project.id, user.id
    )));
    // Without include_names: ids only; effective: the same (no groups, no inheritance).
    let plain: Vec<_> = roles::list_assignments(&ks, AssignmentsOpts::new().user_id(&user.id))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(plain.len(), 1);
    assert_eq!(plain[0].role.name, None);
    let effective: Vec<_> =
        roles::list_assignments(&ks, AssignmentsOpts::new().user_id(&user.id).effective())
            .try_collect()
            .await
            .unwrap();
    assert_eq!(effective, plain);

    // Alice authenticates with her password, scoped to her default project.
    let alice = ProviderClient::authenticate(user_auth(&emu, "alice", "S3cret!", None))
        .await
        .unwrap();
    let token = alice.token().await.unwrap();
    assert_eq!(
        token.project.as_ref().map(|p| p.id.as_str()),
        Some(project.id.as_str())
    );
    assert!(
        token.roles.iter().any(|r| r.name == "member"),
        "{:?}",
        token.roles
    );
    // A wrong password is a 401.
    let err = ProviderClient::authenticate(user_auth(&emu, "alice", "wrong", None))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    // As a member, alice may not write.
    let alice_ks = identity(&alice).await;
    let err = projects::create(&alice_ks, projects::CreateOpts::new("nope"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    // She reads herself and her projects, but may not list users (Keystone's policy).
    assert_eq!(users::get(&alice_ks, &user.id).await.unwrap().name, "alice");
    let err = users::list(&alice_ks, users::ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    assert_eq!(
        projects::get(&alice_ks, &project.id).await.unwrap().id,
        project.id
    );
    let mine: Vec<_> = users::list_projects(&alice_ks, &user.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, project.id);

    // Revoking the grant ends her project-scoped access.
    roles::revoke(&ks, &target, &actor, &member).await.unwrap();
    assert!(!roles::check(&ks, &target, &actor, &member).await.unwrap());
    let err = roles::revoke(&ks, &target, &actor, &member)
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = ProviderClient::authenticate(user_auth(&emu, "alice", "S3cret!", Some(&project.id)))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");

    // Delete: then 404.
    users::delete(&ks, &user.id).await.unwrap();
    assert!(users::get(&ks, &user.id).await.unwrap_err().is_not_found());
    assert!(users::delete(&ks, &user.id)
        .await
        .unwrap_err()
        .is_not_found());
    projects::delete(&ks, &project.id).await.unwrap();
    assert!(projects::get(&ks, &project.id)
        .await
        .unwrap_err()
        .is_not_found());
    let err = ProviderClient::authenticate(user_auth(&emu, "alice", "S3cret!", None))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
}

#[tokio::test]
async fn only_admins_write_with_keystone_error_bodies() {
    let emu = Emulator::start().await.unwrap();
    let admin = emu.provider().await.unwrap();
    let ks = identity(&admin).await;
    let demo = emu.demo_provider().await.unwrap();
    let dks = identity(&demo).await;
    let demo_id = emu.user_id("demo").unwrap();
    let demo_project = emu.project_id("demo").unwrap();
    let member = role_id(&ks, "member").await;

    let err = projects::create(&dks, projects::CreateOpts::new("x"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = users::create(&dks, users::CreateOpts::new("x").password("p"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = users::update(&dks, &demo_id, users::UpdateOpts::new().name("y"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = roles::grant(
        &dks,
        &Target::project(&demo_project),
        &Actor::user(&demo_id),
        &member,
    )
    .await
    .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = projects::delete(&dks, &demo_project).await.unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    // Reads: as with Keystone's default policy, no listings (not even one's own
    // assignments), only one's own user, projects and domain; a missing user is a 403 too.
    for opts in [
        AssignmentsOpts::new(),
        AssignmentsOpts::new().user_id(&demo_id),
    ] {
        let err = roles::list_assignments(&dks, opts)
            .try_collect::<Vec<_>>()
            .await
            .unwrap_err();
        assert!(err.is_forbidden(), "{err}");
    }
    let own: Vec<_> = roles::list_assignments(&ks, AssignmentsOpts::new().user_id(&demo_id))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(own.len(), 2, "member and reader on demo: {own:?}");
    let err = projects::list(&dks, projects::ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let err = roles::list(&dks, roles::ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let admin_id = emu.user_id("admin").unwrap();
    for id in [admin_id.as_str(), "nope"] {
        let err = users::get(&dks, id).await.unwrap_err();
        assert!(err.is_forbidden(), "{id}: {err}");
    }
    assert_eq!(users::get(&dks, &demo_id).await.unwrap().name, "demo");
    let err = projects::get(&dks, &emu.project_id("admin").unwrap())
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    assert_eq!(
        projects::get(&dks, &demo_project).await.unwrap().name,
        "demo"
    );
    let mine: Vec<_> = users::list_projects(&dks, &demo_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);

    // The body has Keystone's shape.
    let resp = dks
        .send(
            Request::post("projects")
                .json(&serde_json::json!({"project": {"name": "x"}}))
                .unwrap()
                .ok_status([403]),
        )
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], 403);
    assert_eq!(body["error"]["title"], "Forbidden");
    assert_eq!(
        body["error"]["message"],
        "You are not authorized to perform the requested action: identity:create_project."
    );
    // Nothing was created.
    let all: Vec<_> = projects::list(&ks, projects::ListOpts::new().name("x"))
        .try_collect()
        .await
        .unwrap();
    assert!(all.is_empty());
}

#[tokio::test]
async fn roles_domain_grants_and_user_updates() {
    let emu = Emulator::start().await.unwrap();
    let admin = emu.provider().await.unwrap();
    let ks = identity(&admin).await;

    // The seeded roles.
    let all: Vec<_> = roles::list(&ks, roles::ListOpts::new())
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = all.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["admin", "member", "reader"]);
    let admin_token = admin.token().await.unwrap();
    let admin_role = role_id(&ks, "admin").await;
    assert!(admin_token
        .roles
        .iter()
        .any(|r| r.id.as_deref() == Some(admin_role.as_str())));

    // Role create/update/delete.
    let dev = roles::create(&ks, roles::CreateOpts::new("developer").description("Devs"))
        .await
        .unwrap();
    assert_eq!(roles::get(&ks, &dev.id).await.unwrap().name, "developer");
    let dev = roles::update(&ks, &dev.id, roles::UpdateOpts::new().name("dev"))
        .await
        .unwrap();
    assert_eq!(dev.name, "dev");
    assert!(roles::create(&ks, roles::CreateOpts::new("dev"))
        .await
        .unwrap_err()
        .is_conflict());

    // A user granted a role on the domain.
    let user = users::create(&ks, users::CreateOpts::new("bob").password("pw1"))
        .await
        .unwrap();
    let domain = Target::domain("default");
    let actor = Actor::user(&user.id);
    roles::grant(&ks, &domain, &actor, &dev.id).await.unwrap();
    assert!(roles::check(&ks, &domain, &actor, &dev.id).await.unwrap());
    let on_domain: Vec<_> = roles::list_assignments(
        &ks,
        AssignmentsOpts::new().domain_id("default").include_names(),
    )
    .try_collect()
    .await
    .unwrap();
    assert_eq!(on_domain.len(), 1, "{on_domain:?}");
    assert_eq!(
        on_domain[0].scope.domain.as_ref().unwrap().name.as_deref(),
        Some("Default")
    );
    assert_eq!(on_domain[0].role.name.as_deref(), Some("dev"));
    // Unknown role, user, project or domain: 404.
    for (t, a, r) in [
        (Target::domain("default"), Actor::user(&user.id), "nope"),
        (
            Target::domain("nope"),
            Actor::user(&user.id),
            dev.id.as_str(),
        ),
        (
            Target::project("nope"),
            Actor::user(&user.id),
            dev.id.as_str(),
        ),
        (
            Target::domain("default"),
            Actor::user("nope"),
            dev.id.as_str(),
        ),
    ] {
        let err = roles::grant(&ks, &t, &a, r).await.unwrap_err();
        assert!(err.is_not_found(), "{t:?} {a:?} {r}: {err}");
    }
    // Deleting the role removes its grants.
    roles::delete(&ks, &dev.id).await.unwrap();
    assert!(roles::get(&ks, &dev.id).await.unwrap_err().is_not_found());
    let left: Vec<_> = roles::list_assignments(&ks, AssignmentsOpts::new().user_id(&user.id))
        .try_collect()
        .await
        .unwrap();
    assert!(left.is_empty(), "{left:?}");

    // A new password replaces the old one and revokes the user's tokens.
    let demo = emu.project_id("demo").unwrap();
    let member = role_id(&ks, "member").await;
    roles::grant(&ks, &Target::project(&demo), &actor, &member)
        .await
        .unwrap();
    let bob = ProviderClient::authenticate(user_auth(&emu, "bob", "pw1", Some(&demo)))
        .await
        .unwrap();
    let bob_token = bob.token().await.unwrap();
    let bob_token = secrecy::ExposeSecret::expose_secret(&bob_token.id).to_owned();
    users::update(&ks, &user.id, users::UpdateOpts::new().password("pw2"))
        .await
        .unwrap();
    let resp = ks
        .send(
            Request::get("auth/tokens")
                .header("X-Subject-Token", &bob_token)
                .unwrap()
                .ok_status([200, 404]),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 404, "the old token is revoked");
    assert!(
        ProviderClient::authenticate(user_auth(&emu, "bob", "pw1", Some(&demo)))
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    ProviderClient::authenticate(user_auth(&emu, "bob", "pw2", Some(&demo)))
        .await
        .unwrap();
    // A disabled user cannot authenticate; a disabled project cannot be scoped to.
    users::update(&ks, &user.id, users::UpdateOpts::new().enabled(false))
        .await
        .unwrap();
    assert!(
        ProviderClient::authenticate(user_auth(&emu, "bob", "pw2", Some(&demo)))
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    users::update(&ks, &user.id, users::UpdateOpts::new().enabled(true))
        .await
        .unwrap();
    projects::update(&ks, &demo, projects::UpdateOpts::new().enabled(false))
        .await
        .unwrap();
    assert!(
        ProviderClient::authenticate(user_auth(&emu, "bob", "pw2", Some(&demo)))
            .await
            .unwrap_err()
            .is_unauthorized()
    );
    // A user without a password never authenticates by password.
    users::create(&ks, users::CreateOpts::new("nopw"))
        .await
        .unwrap();
    assert!(
        ProviderClient::authenticate(user_auth(&emu, "nopw", "", None))
            .await
            .unwrap_err()
            .is_unauthorized()
    );
}

/// Status and `error.message` of a raw Keystone call.
async fn error_of(ks: &ServiceClient, r: Request) -> (u16, String) {
    let resp = ks.send(r.ok_status(400..600)).await.unwrap();
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], status, "{body}");
    (
        status,
        body["error"]["message"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn validation_errors_read_like_keystone() {
    let emu = Emulator::start().await.unwrap();
    let admin = emu.provider().await.unwrap();
    let ks = identity(&admin).await;
    let post = |path: &str, body: serde_json::Value| Request::post(path).json(&body).unwrap();
    assert_eq!(
        error_of(
            &ks,
            post(
                "projects",
                serde_json::json!({"project": {"name": "p", "domain_id": "nope"}})
            )
        )
        .await,
        (400, "Could not find domain: nope.".to_owned())
    );
    assert_eq!(
        error_of(&ks, post("users", serde_json::json!({"user": {}}))).await,
        (
            400,
            "Invalid input for field/attribute user. Value: {}. 'name' is a required property"
                .to_owned()
        )
    );
    let demo = emu.project_id("demo").unwrap();
    assert_eq!(
        error_of(&ks, post("projects", serde_json::json!({"project": {"name": "demo"}}))).await,
        (
            409,
            format!("Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is demo, project id {demo}.")
        )
    );
    // Grants check the role first, then the user and the project.
    assert_eq!(
        error_of(&ks, Request::put("projects/nope/users/nope/roles/nope")).await,
        (404, "Could not find role: nope.".to_owned())
    );
    let member = role_id(&ks, "member").await;
    assert_eq!(
        error_of(
            &ks,
            Request::put(format!("projects/nope/users/nope/roles/{member}"))
        )
        .await,
        (404, "Could not find user: nope.".to_owned())
    );
    // One domain: it cannot be created or deleted.
    let (status, _) = error_of(
        &ks,
        post("domains", serde_json::json!({"domain": {"name": "d"}})),
    )
    .await;
    assert_eq!(status, 501);
    let (status, _) = error_of(&ks, Request::delete("domains/default")).await;
    assert_eq!(status, 501);
}

#[tokio::test]
async fn domain_scoped_tokens_need_a_role_on_the_domain() {
    let emu = Emulator::start().await.unwrap();
    let admin = emu.provider().await.unwrap();
    let ks = identity(&admin).await;
    let user = users::create(&ks, users::CreateOpts::new("dora").password("pw"))
        .await
        .unwrap();
    let on_domain = |user: &str| {
        AuthOptions::password(
            emu.auth_url(),
            UserRef::name(user, DomainRef::id("default")),
            "pw",
        )
        .scope(Scope::Domain(DomainRef::name("Default")))
    };
    // No role on the domain: 401, as Keystone.
    let err = ProviderClient::authenticate(on_domain("dora"))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let domain = Target::domain("default");
    let actor = Actor::user(&user.id);
    let reader = role_id(&ks, "reader").await;
    roles::grant(&ks, &domain, &actor, &reader).await.unwrap();
    let dora = ProviderClient::authenticate(on_domain("dora"))
        .await
        .unwrap();
    let token = dora.token().await.unwrap();
    assert_eq!(
        token.domain.as_ref().map(|d| d.id.as_str()),
        Some("default")
    );
    assert!(token.project.is_none());
    let names: Vec<_> = token.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["reader"]);
    // The catalog keeps the endpoints that need no project (as Keystone drops the
    // project-templated ones): identity and compute, not object-store or the volume API.
    assert!(dora
        .endpoint(&openstack_core::EndpointOpts::new("identity"))
        .is_ok());
    assert!(dora
        .endpoint(&openstack_core::EndpointOpts::new("compute"))
        .is_ok());
    assert!(dora
        .endpoint(&openstack_core::EndpointOpts::new("object-store"))
        .is_err());
    assert!(dora
        .endpoint(&openstack_core::EndpointOpts::new("block-storage"))
        .is_err());
    // A reader on the domain is no admin.
    let err = projects::create(&identity(&dora).await, projects::CreateOpts::new("x"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    // Services want a project-scoped token.
    let compute = dora
        .service_client(openstack_core::EndpointOpts::new("compute"))
        .unwrap();
    let err = compute.send(Request::get("servers")).await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    // An admin of the domain administers the identities.
    let admin_role = role_id(&ks, "admin").await;
    roles::grant(&ks, &domain, &actor, &admin_role)
        .await
        .unwrap();
    let dora_admin = ProviderClient::authenticate(on_domain("dora"))
        .await
        .unwrap();
    let created = projects::create(
        &identity(&dora_admin).await,
        projects::CreateOpts::new("by-domain-admin"),
    )
    .await
    .unwrap();
    assert_eq!(created.domain_id, "default");
    // Revoking the domain grants revokes the domain-scoped tokens.
    roles::revoke(&ks, &domain, &actor, &admin_role)
        .await
        .unwrap();
    roles::revoke(&ks, &domain, &actor, &reader).await.unwrap();
    let t = dora_admin.token().await.unwrap();
    let id = secrecy::ExposeSecret::expose_secret(&t.id).to_owned();
    let resp = ks
        .send(
            Request::get("auth/tokens")
                .header("X-Subject-Token", &id)
                .unwrap()
                .ok_status([200, 404]),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let err = ProviderClient::authenticate(on_domain("dora"))
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    // Another domain does not exist.
    let other = AuthOptions::password(
        emu.auth_url(),
        UserRef::name("admin", DomainRef::id("default")),
        emu.password(),
    )
    .scope(Scope::Domain(DomainRef::id("other")));
    assert!(ProviderClient::authenticate(other)
        .await
        .unwrap_err()
        .is_unauthorized());
}
