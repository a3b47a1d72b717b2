//! Against the real Keystone 30 started by `cargo xtask realcloud up` (skipped unless
//! `FERROCLOUD_REALCLOUD=1`). Keystone 30 serves no v2.0, so the v2 module is covered by
//! the httpmock tests only.
//!
//! Each test creates uniquely named resources and deletes them again, also when a step
//! fails (the body runs in an inner block; cleanup runs after it either way).

use std::panic::AssertUnwindSafe;

use futures::{FutureExt, TryStreamExt};
use openstack_core::auth::{AuthOptions, ProjectRef, Scope, UserRef};
use openstack_core::{ProviderClient, ServiceClient};
use openstack_identity::endpoint_policies::{self, PolicyTarget};
use openstack_identity::federation::{identity_providers, mappings, protocols, service_providers};
use openstack_identity::roles::{Actor, AssignmentsOpts, Target};
use openstack_identity::{
    application_credentials, credentials, domain_configs, domains, ec2_credentials, ec2_tokens,
    endpoint_groups, endpoints, groups, limits, oauth1, policies, project_endpoints, projects,
    regions, roles, services, tokens, trusts, users,
};
use openstack_test_support::realcloud;
use secrecy::ExposeSecret;

type R<T> = std::result::Result<T, String>;

/// Fails the test with the body's error or panic, after cleanup has run.
fn finish(result: std::thread::Result<R<()>>, what: &str) {
    match result {
        Ok(r) => r.unwrap_or_else(|err| panic!("{what}: {err}")),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn e(what: &str) -> impl Fn(openstack_core::Error) -> String + '_ {
    move |err| format!("{what}: {err}")
}

async fn admin() -> Option<(ProviderClient, ServiceClient)> {
    let provider = realcloud::client("admin").await?;
    if !realcloud::has("keystone") {
        return None;
    }
    let identity = openstack_identity::client(&provider).expect("identity client");
    Some((provider, identity))
}

async fn role_id(identity: &ServiceClient, name: &str) -> R<String> {
    let found: Vec<_> = roles::list(identity, roles::ListOpts::new().name(name))
        .try_collect()
        .await
        .map_err(e("list roles"))?;
    found
        .into_iter()
        .find(|r| r.name == name)
        .map(|r| r.id)
        .ok_or_else(|| format!("no role {name}"))
}

/// The full story: project, user, grant, assignments with names, an application
/// credential created by the user, authentication with it, validation as admin, cleanup.
#[tokio::test]
async fn project_user_grant_application_credential() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let password = "Secret-passw0rd!";
    let project = projects::create(
        &identity,
        projects::CreateOpts::new(realcloud::unique_name("project"))
            .domain_id("default")
            .description("ferrocloud identity test"),
    )
    .await
    .expect("create project");
    let user = users::create(
        &identity,
        users::CreateOpts::new(realcloud::unique_name("user"))
            .domain_id("default")
            .default_project_id(&project.id)
            .password(password)
            .email("test@example.com"),
    )
    .await;
    let user = match user {
        Ok(u) => u,
        Err(err) => {
            let _ = projects::delete(&identity, &project.id).await;
            panic!("create user: {err}");
        }
    };
    let mut cred_id = None;
    let result = AssertUnwindSafe(async {
        assert_eq!(user.extra_str("email"), Some("test@example.com"));
        assert_eq!(
            user.default_project_id.as_deref(),
            Some(project.id.as_str())
        );

        let member = role_id(&identity, "member").await?;
        let target = Target::project(&project.id);
        let actor = Actor::user(&user.id);
        roles::grant(&identity, &target, &actor, &member)
            .await
            .map_err(e("grant"))?;
        if !roles::check(&identity, &target, &actor, &member)
            .await
            .map_err(e("check"))?
        {
            return Err("the grant is not visible".into());
        }
        let granted: Vec<_> = roles::list_granted(&identity, &target, &actor)
            .try_collect()
            .await
            .map_err(e("list granted"))?;
        assert!(granted.iter().any(|r| r.id == member), "{granted:?}");

        let assignments: Vec<_> = roles::list_assignments(
            &identity,
            AssignmentsOpts::new()
                .user_id(&user.id)
                .project_id(&project.id)
                .include_names(),
        )
        .try_collect()
        .await
        .map_err(e("list assignments"))?;
        let a = assignments
            .iter()
            .find(|a| a.role.id == member)
            .ok_or_else(|| format!("assignment not found in {assignments:?}"))?;
        assert_eq!(a.role.name.as_deref(), Some("member"));
        let u = a.user.as_ref().ok_or("no user")?;
        assert_eq!(u.name.as_deref(), Some(user.name.as_str()));
        let p = a.scope.project.as_ref().ok_or("no project")?;
        assert_eq!(p.id, project.id);
        assert_eq!(p.name.as_deref(), Some(project.name.as_str()));
        assert!(a.links.assignment.is_some());

        let ups: Vec<_> = users::list_projects(&identity, &user.id)
            .try_collect()
            .await
            .map_err(e("user projects"))?;
        assert!(ups.iter().any(|p| p.id == project.id));

        // Application credentials are created by their owner: authenticate as the user.
        let as_user = ProviderClient::builder()
            .auth_options(
                AuthOptions::password(realcloud::AUTH_URL, UserRef::id(&user.id), password)
                    .scope(Scope::Project(ProjectRef::id(&project.id))),
            )
            .region(realcloud::REGION)
            .build()
            .await
            .map_err(e("authenticate as the user"))?;
        let user_identity = openstack_identity::client(&as_user).map_err(e("client"))?;
        let cred = application_credentials::create(
            &user_identity,
            &user.id,
            application_credentials::CreateOpts::new(realcloud::unique_name("appcred"))
                .description("ferrocloud test")
                .role_name("member"),
        )
        .await
        .map_err(e("create application credential"))?;
        cred_id = Some(cred.id.clone());
        assert_eq!(cred.project_id, project.id);
        assert!(cred
            .roles
            .iter()
            .any(|r| r.name.as_deref() == Some("member")));
        let secret = cred
            .secret
            .clone()
            .ok_or("no secret in the create response")?;

        let listed: Vec<_> = application_credentials::list(
            &user_identity,
            &user.id,
            application_credentials::ListOpts::new(),
        )
        .try_collect()
        .await
        .map_err(e("list application credentials"))?;
        assert!(listed.iter().any(|c| c.id == cred.id && c.secret.is_none()));
        let got = application_credentials::get(&user_identity, &user.id, &cred.id)
            .await
            .map_err(e("get application credential"))?;
        assert_eq!(got.name, cred.name);

        // Authenticate with the application credential through the core.
        let by_cred = ProviderClient::authenticate(AuthOptions::application_credential(
            realcloud::AUTH_URL,
            &cred.id,
            &secret,
        ))
        .await
        .map_err(e("authenticate with the application credential"))?;
        let token = by_cred.token().await.map_err(e("token"))?;
        assert_eq!(
            token.project.as_ref().map(|p| p.id.as_str()),
            Some(project.id.as_str())
        );
        assert!(
            token.methods.iter().any(|m| m == "application_credential"),
            "{:?}",
            token.methods
        );

        // Validate that token as admin.
        let subject = token.id.expose_secret().to_owned();
        let v = tokens::validate(&identity, &subject)
            .await
            .map_err(e("validate"))?;
        assert_eq!(
            v.project.as_ref().map(|p| p.id.as_str()),
            Some(project.id.as_str())
        );
        assert_eq!(
            v.user.as_ref().map(|u| u.id.as_str()),
            Some(user.id.as_str())
        );
        assert!(v.roles.iter().any(|r| r.name == "member"));
        assert!(tokens::check(&identity, &subject)
            .await
            .map_err(e("check token"))?);

        // Delete the application credential and see it gone.
        application_credentials::delete(&user_identity, &user.id, &cred.id)
            .await
            .map_err(e("delete application credential"))?;
        cred_id = None;
        let err = application_credentials::get(&identity, &user.id, &cred.id)
            .await
            .expect_err("deleted application credential");
        assert!(err.is_not_found(), "{err}");

        // The user changes their own password; the new one works, the old one does not.
        let new_password = "Another-passw0rd!";
        users::change_password(&user_identity, &user.id, password, new_password)
            .await
            .map_err(e("change password"))?;
        let relogin = |pw: &'static str| {
            ProviderClient::authenticate(
                AuthOptions::password(realcloud::AUTH_URL, UserRef::id(&user.id), pw)
                    .scope(Scope::Project(ProjectRef::id(&project.id))),
            )
        };
        relogin(new_password)
            .await
            .map_err(e("login with the new password"))?;
        let err = relogin(password).await.expect_err("old password");
        assert!(err.is_unauthorized(), "{err}");

        roles::revoke(&identity, &target, &actor, &member)
            .await
            .map_err(e("revoke"))?;
        assert!(!roles::check(&identity, &target, &actor, &member)
            .await
            .map_err(e("check"))?);
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;

    // Cleanup, whatever happened.
    if let Some(id) = &cred_id {
        let _ = application_credentials::delete(&identity, &user.id, id).await;
    }
    let del_user = users::delete(&identity, &user.id).await;
    let del_project = projects::delete(&identity, &project.id).await;
    finish(result, "identity story");
    del_user.expect("delete user");
    del_project.expect("delete project");
    let err = users::get(&identity, &user.id)
        .await
        .expect_err("user gone");
    assert!(err.is_not_found(), "{err}");
    let err = projects::get(&identity, &project.id)
        .await
        .expect_err("project gone");
    assert!(err.is_not_found(), "{err}");
}

/// Project tags, filters and a tri-state update.
#[tokio::test]
async fn project_tags_filters_and_updates() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let tag = realcloud::unique_name("tag").replace('-', "");
    let tag = &tag[tag.len().saturating_sub(60)..];
    let project = projects::create(
        &identity,
        projects::CreateOpts::new(realcloud::unique_name("tags"))
            .domain_id("default")
            .description("to be cleared")
            .tags([tag]),
    )
    .await
    .expect("create project");
    let result = AssertUnwindSafe(async {
        let found: Vec<_> = projects::list(&identity, projects::ListOpts::new().tags([tag]))
            .try_collect()
            .await
            .map_err(e("list by tag"))?;
        assert_eq!(
            found.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            [project.id.as_str()]
        );
        let by_name: Vec<_> = projects::list(
            &identity,
            projects::ListOpts::new()
                .name(&project.name)
                .domain_id("default")
                .enabled(true),
        )
        .try_collect()
        .await
        .map_err(e("list by name"))?;
        assert_eq!(by_name.len(), 1);

        projects::add_tag(&identity, &project.id, "second")
            .await
            .map_err(e("add tag"))?;
        assert!(projects::check_tag(&identity, &project.id, "second")
            .await
            .map_err(e("check"))?);
        assert!(!projects::check_tag(&identity, &project.id, "absent")
            .await
            .map_err(e("check"))?);
        let mut t = projects::list_tags(&identity, &project.id)
            .await
            .map_err(e("list tags"))?;
        t.sort();
        let mut want = vec!["second".to_owned(), tag.to_owned()];
        want.sort();
        assert_eq!(t, want);
        let replaced = projects::replace_tags(&identity, &project.id, ["x", "y"])
            .await
            .map_err(e("replace tags"))?;
        assert_eq!(replaced, ["x", "y"]);
        projects::remove_tag(&identity, &project.id, "x")
            .await
            .map_err(e("remove tag"))?;
        assert_eq!(
            projects::list_tags(&identity, &project.id)
                .await
                .map_err(e("tags"))?,
            ["y"]
        );
        projects::remove_all_tags(&identity, &project.id)
            .await
            .map_err(e("clear tags"))?;
        assert!(projects::list_tags(&identity, &project.id)
            .await
            .map_err(e("tags"))?
            .is_empty());

        let p = projects::update(
            &identity,
            &project.id,
            projects::UpdateOpts::new()
                .clear_description()
                .enabled(false),
        )
        .await
        .map_err(e("update"))?;
        assert_eq!(p.description, None);
        assert!(!p.enabled);
        let p = projects::get(&identity, &project.id)
            .await
            .map_err(e("get"))?;
        assert_eq!(p.description, None);
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let del = projects::delete(&identity, &project.id).await;
    finish(result, "tags story");
    del.expect("delete project");
}

/// Groups, membership, a domain, and credentials.
#[tokio::test]
async fn groups_domains_credentials() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let group = groups::create(
        &identity,
        groups::CreateOpts::new(realcloud::unique_name("group")).domain_id("default"),
    )
    .await
    .expect("create group");
    let user = users::create(
        &identity,
        users::CreateOpts::new(realcloud::unique_name("member")).domain_id("default"),
    )
    .await;
    let user = match user {
        Ok(u) => u,
        Err(err) => {
            let _ = groups::delete(&identity, &group.id).await;
            panic!("create user: {err}");
        }
    };
    let mut domain_id = None;
    let result = AssertUnwindSafe(async {
        groups::add_user(&identity, &group.id, &user.id)
            .await
            .map_err(e("add"))?;
        assert!(groups::check_user(&identity, &group.id, &user.id)
            .await
            .map_err(e("check"))?);
        let members: Vec<_> =
            groups::list_users(&identity, &group.id, groups::ListUsersOpts::new())
                .try_collect()
                .await
                .map_err(e("members"))?;
        assert_eq!(
            members.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            [user.id.as_str()]
        );
        let ugs: Vec<_> = users::list_groups(&identity, &user.id)
            .try_collect()
            .await
            .map_err(e("user groups"))?;
        assert!(ugs.iter().any(|g| g.id == group.id));
        let g = groups::update(
            &identity,
            &group.id,
            groups::UpdateOpts::new().description("d"),
        )
        .await
        .map_err(e("update group"))?;
        assert_eq!(g.description.as_deref(), Some("d"));
        groups::remove_user(&identity, &group.id, &user.id)
            .await
            .map_err(e("remove"))?;
        assert!(!groups::check_user(&identity, &group.id, &user.id)
            .await
            .map_err(e("check"))?);

        let cred = credentials::create(
            &identity,
            credentials::CreateOpts::new(&user.id, "totp", "GEZDGNBVGY3TQOJQGEZDGNBVGY"),
        )
        .await
        .map_err(e("create credential"))?;
        let listed: Vec<_> =
            credentials::list(&identity, credentials::ListOpts::new().user_id(&user.id))
                .try_collect()
                .await
                .map_err(e("list credentials"))?;
        assert!(listed
            .iter()
            .any(|c| c.id == cred.id && c.credential_type == "totp"));
        credentials::delete(&identity, &cred.id)
            .await
            .map_err(e("delete credential"))?;
        let err = credentials::get(&identity, &cred.id)
            .await
            .expect_err("gone");
        assert!(err.is_not_found(), "{err}");

        let d = domains::create(
            &identity,
            domains::CreateOpts::new(realcloud::unique_name("domain")).description("temp"),
        )
        .await
        .map_err(e("create domain"))?;
        domain_id = Some(d.id.clone());
        let d = domains::update(
            &identity,
            &d.id,
            domains::UpdateOpts::new()
                .clear_description()
                .enabled(false),
        )
        .await
        .map_err(e("disable domain"))?;
        assert!(!d.enabled);
        assert_eq!(d.description, None);
        domains::delete(&identity, &d.id)
            .await
            .map_err(e("delete domain"))?;
        domain_id = None;
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    if let Some(id) = &domain_id {
        let _ = domains::update(&identity, id, domains::UpdateOpts::new().enabled(false)).await;
        let _ = domains::delete(&identity, id).await;
    }
    let du = users::delete(&identity, &user.id).await;
    let dg = groups::delete(&identity, &group.id).await;
    finish(result, "groups story");
    du.expect("delete user");
    dg.expect("delete group");
}

/// Regions, services, endpoints, the catalog, and tokens.
#[tokio::test]
async fn catalog_admin_and_tokens() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let region = regions::create(
        &identity,
        regions::CreateOpts::with_id(realcloud::unique_name("region"))
            .description("temp")
            .parent_region_id(realcloud::REGION),
    )
    .await
    .expect("create region");
    let service = services::create(
        &identity,
        services::CreateOpts::new(realcloud::unique_name("svc-type"))
            .name(realcloud::unique_name("svc"))
            .description("temp"),
    )
    .await;
    let service = match service {
        Ok(s) => s,
        Err(err) => {
            let _ = regions::delete(&identity, &region.id).await;
            panic!("create service: {err}");
        }
    };
    let result = AssertUnwindSafe(async {
        let r = regions::update(
            &identity,
            &region.id,
            regions::UpdateOpts::new().clear_description(),
        )
        .await
        .map_err(e("update region"))?;
        assert_eq!(r.parent_region_id.as_deref(), Some(realcloud::REGION));
        let subs: Vec<_> = regions::list(
            &identity,
            regions::ListOpts::new().parent_region_id(realcloud::REGION),
        )
        .try_collect()
        .await
        .map_err(e("list regions"))?;
        assert!(subs.iter().any(|r| r.id == region.id));

        let found: Vec<_> = services::list(
            &identity,
            services::ListOpts::new().service_type(&service.service_type),
        )
        .try_collect()
        .await
        .map_err(e("list services"))?;
        assert_eq!(found.len(), 1);
        let ep = endpoints::create(
            &identity,
            endpoints::CreateOpts::new(
                &service.id,
                endpoints::Interface::Internal,
                "http://127.0.0.1:1/v1",
            )
            .region_id(&region.id),
        )
        .await
        .map_err(e("create endpoint"))?;
        let eps: Vec<_> = endpoints::list(
            &identity,
            endpoints::ListOpts::new()
                .service_id(&service.id)
                .interface(endpoints::Interface::Internal),
        )
        .try_collect()
        .await
        .map_err(e("list endpoints"))?;
        assert_eq!(
            eps.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            [ep.id.as_str()]
        );
        let ep2 = endpoints::update(
            &identity,
            &ep.id,
            endpoints::UpdateOpts::new().url("http://127.0.0.1:2/v1"),
        )
        .await
        .map_err(e("update endpoint"))?;
        assert_eq!(ep2.url, "http://127.0.0.1:2/v1");
        assert_eq!(ep2.region_id.as_deref(), Some(region.id.as_str()));
        endpoints::delete(&identity, &ep.id)
            .await
            .map_err(e("delete endpoint"))?;

        let cat = openstack_identity::catalog::get(&identity)
            .await
            .map_err(e("catalog"))?;
        assert!(cat.iter().any(|c| c.service_type == "identity"));

        // Tokens: issue one for admin, validate, revoke.
        let opts = realcloud::options("admin");
        let t = tokens::create(&identity, &opts.credentials, &opts.scope)
            .await
            .map_err(e("issue"))?;
        let id = t.id.expose_secret().to_owned();
        assert!(!t.catalog.services.is_empty());
        let v = tokens::validate_with(&identity, &id, tokens::ValidateOpts::new().no_catalog())
            .await
            .map_err(e("validate"))?;
        assert_eq!(
            v.project.as_ref().and_then(|p| p.name.as_deref()),
            Some("admin")
        );
        assert!(v.catalog.services.is_empty());
        let before_revoke = time::OffsetDateTime::now_utc() - time::Duration::seconds(2);
        tokens::revoke(&identity, &id).await.map_err(e("revoke"))?;
        // The revocation shows up as an event (by the token's audit id).
        let events: Vec<_> = openstack_identity::revoke_events::list(
            &identity,
            openstack_identity::revoke_events::ListOpts::new().since(before_revoke),
        )
        .try_collect()
        .await
        .map_err(e("revoke events"))?;
        assert!(
            events
                .iter()
                .any(|ev| ev.audit_id.is_some() && ev.revoked_at.is_some()),
            "{events:?}"
        );
        assert!(!tokens::check(&identity, &id).await.map_err(e("check"))?);
        let err = tokens::validate(&identity, &id).await.expect_err("revoked");
        assert!(err.is_not_found(), "{err}");
        let scopes: Vec<_> = tokens::list_projects(&identity)
            .try_collect()
            .await
            .map_err(e("scopes"))?;
        assert!(scopes.iter().any(|p| p.name == "admin"));
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let ds = services::delete(&identity, &service.id).await;
    let dr = regions::delete(&identity, &region.id).await;
    finish(result, "catalog story");
    ds.expect("delete service");
    dr.expect("delete region");
}

/// Role CRUD, implied roles and inherited grants.
#[tokio::test]
async fn roles_inference_and_inheritance() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let prior = roles::create(
        &identity,
        roles::CreateOpts::new(realcloud::unique_name("prior")).description("temp"),
    )
    .await
    .expect("create role");
    let implied = roles::create(
        &identity,
        roles::CreateOpts::new(realcloud::unique_name("implied")),
    )
    .await;
    let implied = match implied {
        Ok(r) => r,
        Err(err) => {
            let _ = roles::delete(&identity, &prior.id).await;
            panic!("create role: {err}");
        }
    };
    let user = users::create(
        &identity,
        users::CreateOpts::new(realcloud::unique_name("inherit")).domain_id("default"),
    )
    .await;
    let result = AssertUnwindSafe(async {
        let user = user.as_ref().map_err(|err| format!("create user: {err}"))?;
        let r = roles::update(
            &identity,
            &prior.id,
            roles::UpdateOpts::new().clear_description(),
        )
        .await
        .map_err(e("update role"))?;
        assert_eq!(r.description, None);

        let rule = roles::create_inference(&identity, &prior.id, &implied.id)
            .await
            .map_err(e("create inference"))?;
        assert_eq!(rule.implies.id, implied.id);
        assert!(roles::check_inference(&identity, &prior.id, &implied.id)
            .await
            .map_err(e("check inference"))?);
        let list = roles::list_implied(&identity, &prior.id)
            .await
            .map_err(e("list implied"))?;
        assert_eq!(
            list.implies
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            [implied.id.as_str()]
        );
        let rules: Vec<_> = roles::list_inferences(&identity)
            .try_collect()
            .await
            .map_err(e("list inferences"))?;
        assert!(rules.iter().any(|r| r.prior_role.id == prior.id));
        roles::delete_inference(&identity, &prior.id, &implied.id)
            .await
            .map_err(e("delete inference"))?;
        assert!(!roles::check_inference(&identity, &prior.id, &implied.id)
            .await
            .map_err(e("check inference"))?);

        let (target, actor) = (Target::domain("default"), Actor::user(&user.id));
        roles::grant_inherited(&identity, &target, &actor, &prior.id)
            .await
            .map_err(e("grant inherited"))?;
        assert!(
            roles::check_inherited(&identity, &target, &actor, &prior.id)
                .await
                .map_err(e("check inherited"))?
        );
        let inherited: Vec<_> = roles::list_inherited(&identity, &target, &actor)
            .try_collect()
            .await
            .map_err(e("list inherited"))?;
        assert!(inherited.iter().any(|r| r.id == prior.id));
        let assignments: Vec<_> = roles::list_assignments(
            &identity,
            AssignmentsOpts::new()
                .user_id(&user.id)
                .inherited_to_projects(),
        )
        .try_collect()
        .await
        .map_err(e("inherited assignments"))?;
        assert!(assignments
            .iter()
            .any(|a| a.role.id == prior.id && a.scope.inherited_to.as_deref() == Some("projects")));
        roles::revoke_inherited(&identity, &target, &actor, &prior.id)
            .await
            .map_err(e("revoke inherited"))?;
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    if let Ok(u) = &user {
        let _ = users::delete(&identity, &u.id).await;
    }
    let d1 = roles::delete(&identity, &implied.id).await;
    let d2 = roles::delete(&identity, &prior.id).await;
    finish(result, "roles story");
    d1.expect("delete implied role");
    d2.expect("delete prior role");
    let err = roles::get(&identity, &prior.id)
        .await
        .expect_err("role gone");
    assert!(err.is_not_found(), "{err}");
}

/// Unified limits: a registered default and a project override.
#[tokio::test]
async fn unified_limits() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let resource = realcloud::unique_name("res");
    let project = projects::create(
        &identity,
        projects::CreateOpts::new(realcloud::unique_name("limits")).domain_id("default"),
    )
    .await
    .expect("create project");
    let mut registered_id = None;
    let mut limit_id = None;
    let result = AssertUnwindSafe(async {
        let svc: Vec<_> = services::list(
            &identity,
            services::ListOpts::new().service_type("identity"),
        )
        .try_collect()
        .await
        .map_err(e("identity service"))?;
        let svc = svc.first().ok_or("no identity service")?.id.clone();
        let model = limits::model(&identity).await.map_err(e("model"))?;
        assert!(!model.name.is_empty());
        let reg = limits::create_registered(
            &identity,
            vec![limits::NewRegisteredLimit::new(&svc, &resource, 10).description("temp")],
        )
        .await
        .map_err(e("create registered"))?;
        let reg = reg.into_iter().next().ok_or("no registered limit")?;
        registered_id = Some(reg.id.clone());
        assert_eq!(reg.default_limit, 10);
        let reg = limits::update_registered(
            &identity,
            &reg.id,
            limits::UpdateRegisteredOpts::new()
                .default_limit(12)
                .clear_description(),
        )
        .await
        .map_err(e("update registered"))?;
        assert_eq!((reg.default_limit, reg.description.as_deref()), (12, None));
        let made = limits::create(
            &identity,
            vec![limits::NewLimit::project(&project.id, &svc, &resource, 20)],
        )
        .await
        .map_err(e("create limit"))?;
        let l = made.into_iter().next().ok_or("no limit")?;
        limit_id = Some(l.id.clone());
        assert_eq!(l.project_id.as_deref(), Some(project.id.as_str()));
        let l = limits::update(
            &identity,
            &l.id,
            limits::UpdateOpts::new().resource_limit(30),
        )
        .await
        .map_err(e("update limit"))?;
        assert_eq!(l.resource_limit, 30);
        let ls: Vec<_> = limits::list(
            &identity,
            limits::ListOpts::new()
                .project_id(&project.id)
                .resource_name(&resource),
        )
        .try_collect()
        .await
        .map_err(e("list limits"))?;
        assert_eq!(
            ls.iter().map(|l| l.resource_limit).collect::<Vec<_>>(),
            [30]
        );
        limits::delete(&identity, &l.id)
            .await
            .map_err(e("delete limit"))?;
        limit_id = None;
        let err = limits::get(&identity, &l.id).await.expect_err("limit gone");
        assert!(err.is_not_found(), "{err}");
        limits::delete_registered(&identity, &reg.id)
            .await
            .map_err(e("delete registered"))?;
        registered_id = None;
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    if let Some(id) = &limit_id {
        let _ = limits::delete(&identity, id).await;
    }
    if let Some(id) = &registered_id {
        let _ = limits::delete_registered(&identity, id).await;
    }
    let dp = projects::delete(&identity, &project.id).await;
    finish(result, "limits story");
    dp.expect("delete project");
}

async fn user_id(identity: &ServiceClient, name: &str) -> R<String> {
    let found: Vec<_> = users::list(identity, users::ListOpts::new().name(name))
        .try_collect()
        .await
        .map_err(e("list users"))?;
    found
        .into_iter()
        .find(|u| u.name == name)
        .map(|u| u.id)
        .ok_or_else(|| format!("no user {name}"))
}

/// Trusts: admin delegates `member` on its project to demo; list, get, roles, then demo
/// authenticates with the trust (`TrustAuth`), and the trust is deleted.
#[tokio::test]
async fn trust_lifecycle_and_trust_auth() {
    let Some((admin, identity)) = admin().await else {
        return;
    };
    let token = admin.token().await.expect("admin token");
    let trustor = token.user.as_ref().expect("token user").id.clone();
    let project = token.project.as_ref().expect("token project").id.clone();
    let trustee = user_id(&identity, "demo").await.expect("demo user");
    let member = role_id(&identity, "member").await.expect("member role");
    let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let trust = trusts::create(
        &identity,
        trusts::CreateOpts::new(&trustor, &trustee, false)
            .project_id(&project)
            .role_id(&member)
            .expires_at(expires)
            .remaining_uses(3),
    )
    .await
    .expect("create trust");
    let mut impersonating = None;
    let result = AssertUnwindSafe(async {
        assert_eq!(trust.trustor_user_id, trustor);
        assert_eq!(trust.trustee_user_id, trustee);
        assert_eq!(trust.project_id.as_deref(), Some(project.as_str()));
        assert!(!trust.impersonation);
        assert_eq!(trust.remaining_uses, Some(3));
        assert_eq!(
            trust.expires_at.map(|t| t.unix_timestamp()),
            Some(expires.unix_timestamp())
        );
        assert!(trust.roles.iter().any(|r| r.id == member), "{trust:?}");

        let listed: Vec<_> =
            trusts::list(&identity, trusts::ListOpts::new().trustor_user_id(&trustor))
                .try_collect()
                .await
                .map_err(e("list trusts"))?;
        assert!(listed.iter().any(|t| t.id == trust.id), "{listed:?}");
        let by_trustee: Vec<_> =
            trusts::list(&identity, trusts::ListOpts::new().trustee_user_id(&trustee))
                .try_collect()
                .await
                .map_err(e("list trusts by trustee"))?;
        assert!(by_trustee.iter().all(|t| t.trustee_user_id == trustee));
        assert!(by_trustee.iter().any(|t| t.id == trust.id));

        let got = trusts::get(&identity, &trust.id)
            .await
            .map_err(e("get trust"))?;
        assert_eq!(got.id, trust.id);
        assert!(got.roles.iter().any(|r| r.id == member));

        let roles_: Vec<_> = trusts::list_roles(&identity, &trust.id)
            .try_collect()
            .await
            .map_err(e("trust roles"))?;
        assert!(roles_.iter().any(|r| r.id == member), "{roles_:?}");
        let r = trusts::get_role(&identity, &trust.id, &member)
            .await
            .map_err(e("trust role"))?;
        assert_eq!(r.name, "member");
        assert!(trusts::check_role(&identity, &trust.id, &member)
            .await
            .map_err(e("check trust role"))?);
        let admin_role = role_id(&identity, "admin").await?;
        assert!(!trusts::check_role(&identity, &trust.id, &admin_role)
            .await
            .map_err(e("check undelegated role"))?);

        // The trustee authenticates with the trust.
        let auth = trusts::TrustAuth::new(
            AuthOptions::password(
                realcloud::AUTH_URL,
                UserRef::id(&trustee),
                realcloud::PASSWORD,
            ),
            &trust.id,
        );
        let as_trustee = ProviderClient::builder()
            .auth_method(std::sync::Arc::new(auth))
            .region(realcloud::REGION)
            .build()
            .await
            .map_err(e("trust auth"))?;
        let t = as_trustee.token().await.map_err(e("trust token"))?;
        assert_eq!(
            t.user.as_ref().map(|u| u.id.as_str()),
            Some(trustee.as_str())
        );
        assert_eq!(
            t.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        assert!(t.roles.iter().any(|r| r.name == "member"), "{:?}", t.roles);
        assert!(!t.roles.iter().any(|r| r.name == "admin"), "{:?}", t.roles);
        // The trust token works against the catalog's identity endpoint.
        let trustee_identity = openstack_identity::client(&as_trustee).map_err(e("client"))?;
        let seen = trusts::get(&trustee_identity, &trust.id)
            .await
            .map_err(e("get trust as trustee"))?;
        assert_eq!(seen.id, trust.id);

        // The same through the core's own trust scope (as `OS_TRUST_ID` gives it).
        let core_scoped = ProviderClient::builder()
            .auth_options(
                AuthOptions::password(
                    realcloud::AUTH_URL,
                    UserRef::id(&trustee),
                    realcloud::PASSWORD,
                )
                .scope(openstack_core::auth::Scope::Trust(trust.id.clone())),
            )
            .region(realcloud::REGION)
            .build()
            .await
            .map_err(e("core trust scope"))?;
        let t = core_scoped.token().await.map_err(e("core trust token"))?;
        let tt = t.trust.as_ref().ok_or("the trust token names no trust")?;
        assert_eq!(tt.id, trust.id);
        assert_eq!(tt.trustor_user_id.as_deref(), Some(trustor.as_str()));
        assert_eq!(tt.trustee_user_id.as_deref(), Some(trustee.as_str()));
        assert!(!tt.impersonation);
        assert_eq!(
            t.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        assert!(t.roles.iter().any(|r| r.name == "member"), "{:?}", t.roles);
        assert!(!t.roles.iter().any(|r| r.name == "admin"), "{:?}", t.roles);

        // With impersonation, trust tokens name the trustor as their user.
        let imp = trusts::create(
            &identity,
            trusts::CreateOpts::new(&trustor, &trustee, true)
                .project_id(&project)
                .role_name("member"),
        )
        .await
        .map_err(e("create impersonating trust"))?;
        impersonating = Some(imp.id.clone());
        assert!(imp.impersonation);
        assert_eq!(imp.remaining_uses, None);
        assert_eq!(imp.expires_at, None);
        let as_trustor = ProviderClient::builder()
            .auth_method(std::sync::Arc::new(trusts::TrustAuth::new(
                AuthOptions::password(
                    realcloud::AUTH_URL,
                    UserRef::id(&trustee),
                    realcloud::PASSWORD,
                ),
                &imp.id,
            )))
            .region(realcloud::REGION)
            .build()
            .await
            .map_err(e("impersonating trust auth"))?;
        let t = as_trustor.token().await.map_err(e("impersonating token"))?;
        assert_eq!(
            t.user.as_ref().map(|u| u.id.as_str()),
            Some(trustor.as_str())
        );

        // A trust id that does not exist is refused at authentication.
        let err = ProviderClient::builder()
            .auth_method(std::sync::Arc::new(trusts::TrustAuth::new(
                AuthOptions::password(
                    realcloud::AUTH_URL,
                    UserRef::id(&trustee),
                    realcloud::PASSWORD,
                ),
                "no-such-trust",
            )))
            .build()
            .await
            .err()
            .ok_or("a missing trust was accepted")?;
        assert!(err.to_string().contains("no-such-trust"), "{err}");
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    if let Some(id) = &impersonating {
        let _ = trusts::delete(&identity, id).await;
    }
    let deleted = trusts::delete(&identity, &trust.id).await;
    finish(result, "trust story");
    deleted.expect("delete trust");
    let err = trusts::get(&identity, &trust.id)
        .await
        .expect_err("deleted trust");
    assert!(err.is_not_found(), "{err}");
}

/// Federation: an identity provider, a mapping and a protocol tying them, and a service
/// provider; each created, listed, read, updated and deleted.
#[tokio::test]
async fn federation_idp_mapping_protocol_service_provider() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let idp = realcloud::unique_name("idp");
    let mapping = realcloud::unique_name("mapping");
    let sp = realcloud::unique_name("sp");
    let group = groups::create(
        &identity,
        groups::CreateOpts::new(realcloud::unique_name("fedgroup")).domain_id("default"),
    )
    .await
    .expect("create group");
    let result = AssertUnwindSafe(async {
        let remote = format!("https://{idp}.example.com/saml");
        let created = identity_providers::create(
            &identity,
            &idp,
            identity_providers::CreateOpts::new()
                .domain_id("default")
                .description("ferrocloud test")
                .remote_id(&remote)
                .enabled(true),
        )
        .await
        .map_err(e("create idp"))?;
        assert_eq!(created.id, idp);
        assert_eq!(created.remote_ids, std::slice::from_ref(&remote));
        assert_eq!(created.domain_id.as_deref(), Some("default"));
        assert!(created.enabled);
        let listed: Vec<_> =
            identity_providers::list(&identity, identity_providers::ListOpts::new().id(&idp))
                .try_collect()
                .await
                .map_err(e("list idps"))?;
        assert_eq!(listed.len(), 1, "{listed:?}");
        let updated = identity_providers::update(
            &identity,
            &idp,
            identity_providers::UpdateOpts::new()
                .clear_description()
                .remote_ids([format!("{remote}/2")])
                .enabled(false),
        )
        .await
        .map_err(e("update idp"))?;
        assert_eq!(updated.description, None);
        assert!(!updated.enabled);
        assert_eq!(updated.remote_ids, [format!("{remote}/2")]);

        let rule = mappings::Rule::new(
            vec![
                mappings::Local::user_name("{0}"),
                mappings::Local::group_id(&group.id),
            ],
            vec![
                mappings::Remote::new("REMOTE_USER"),
                mappings::Remote::new("orgPersonType").not_any_of(["Contractor", "Guest"]),
            ],
        );
        let m = mappings::create(
            &identity,
            &mapping,
            mappings::CreateOpts::new(vec![rule.clone()]),
        )
        .await
        .map_err(e("create mapping"))?;
        assert_eq!(m.id, mapping);
        assert_eq!(m.rules, std::slice::from_ref(&rule));
        let all: Vec<_> = mappings::list(&identity)
            .try_collect()
            .await
            .map_err(e("list mappings"))?;
        assert!(all.iter().any(|x| x.id == mapping));
        let mut rule2 = rule.clone();
        rule2.remote[1] = mappings::Remote::new("orgPersonType").any_one_of(["Staff"]);
        let m = mappings::update(
            &identity,
            &mapping,
            mappings::UpdateOpts::new().rules(vec![rule2.clone()]),
        )
        .await
        .map_err(e("update mapping"))?;
        assert_eq!(m.rules, [rule2]);
        assert_eq!(
            mappings::get(&identity, &mapping)
                .await
                .map_err(e("get mapping"))?
                .rules[0]
                .remote[1]
                .any_one_of
                .as_deref(),
            Some(&["Staff".to_owned()][..])
        );

        let p = protocols::create(
            &identity,
            &idp,
            "saml2",
            protocols::CreateOpts::new(&mapping),
        )
        .await
        .map_err(e("create protocol"))?;
        assert_eq!(
            (p.id.as_str(), p.mapping_id.as_str()),
            ("saml2", mapping.as_str())
        );
        let ps: Vec<_> = protocols::list(&identity, &idp)
            .try_collect()
            .await
            .map_err(e("list protocols"))?;
        assert_eq!(ps.len(), 1);
        let p = protocols::update(
            &identity,
            &idp,
            "saml2",
            protocols::UpdateOpts::new().mapping_id(&mapping),
        )
        .await
        .map_err(e("update protocol"))?;
        assert_eq!(p.mapping_id, mapping);
        let p = protocols::get(&identity, &idp, "saml2")
            .await
            .map_err(e("get protocol"))?;
        assert_eq!(p.id, "saml2");
        protocols::delete(&identity, &idp, "saml2")
            .await
            .map_err(e("delete protocol"))?;
        let err = protocols::get(&identity, &idp, "saml2")
            .await
            .expect_err("deleted protocol");
        assert!(err.is_not_found(), "{err}");

        let s = service_providers::create(
            &identity,
            &sp,
            service_providers::CreateOpts::new(
                "https://sp.example.com/v3/OS-FEDERATION/identity_providers/x/protocols/saml2/auth",
                "https://sp.example.com/Shibboleth.sso/SAML2/ECP",
            )
            .description("ferrocloud test")
            .enabled(true),
        )
        .await
        .map_err(e("create sp"))?;
        assert_eq!(s.id, sp);
        assert!(s.enabled);
        let s = service_providers::update(
            &identity,
            &sp,
            service_providers::UpdateOpts::new()
                .enabled(false)
                .relay_state_prefix("ss:test:"),
        )
        .await
        .map_err(e("update sp"))?;
        assert!(!s.enabled);
        assert_eq!(s.relay_state_prefix.as_deref(), Some("ss:test:"));
        let sps: Vec<_> =
            service_providers::list(&identity, service_providers::ListOpts::new().id(&sp))
                .try_collect()
                .await
                .map_err(e("list sps"))?;
        assert_eq!(sps.len(), 1);
        assert_eq!(
            service_providers::get(&identity, &sp)
                .await
                .map_err(e("get sp"))?
                .sp_url,
            "https://sp.example.com/Shibboleth.sso/SAML2/ECP"
        );
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    // Cleanup, whatever happened (missing resources are fine).
    let _ = protocols::delete(&identity, &idp, "saml2").await;
    let di = identity_providers::delete(&identity, &idp).await;
    let dm = mappings::delete(&identity, &mapping).await;
    let ds = service_providers::delete(&identity, &sp).await;
    let dg = groups::delete(&identity, &group.id).await;
    finish(result, "federation story");
    di.expect("delete idp");
    dm.expect("delete mapping");
    ds.expect("delete sp");
    dg.expect("delete group");
    let err = identity_providers::get(&identity, &idp)
        .await
        .expect_err("deleted idp");
    assert!(err.is_not_found(), "{err}");
}

/// Policies: create, list by type, get, update, endpoint policy associations, delete.
#[tokio::test]
async fn policy_crud() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    // A unique type, so the listing below sees only this test's policy.
    let kind = format!("application/x-{}", realcloud::unique_name("policy"));
    let p = policies::create(
        &identity,
        policies::CreateOpts::new(r#"{"default": ""}"#, &kind),
    )
    .await
    .expect("create policy");
    let result = AssertUnwindSafe(async {
        assert_eq!(p.policy_type, kind);
        assert_eq!(p.blob_text(), r#"{"default": ""}"#);
        let listed: Vec<_> =
            policies::list(&identity, policies::ListOpts::new().policy_type(&kind))
                .try_collect()
                .await
                .map_err(e("list policies"))?;
        assert_eq!(listed.iter().map(|x| &x.id).collect::<Vec<_>>(), [&p.id]);
        let u = policies::update(
            &identity,
            &p.id,
            policies::UpdateOpts::new().blob(r#"{"default": "role:admin"}"#),
        )
        .await
        .map_err(e("update policy"))?;
        assert_eq!(u.blob_text(), r#"{"default": "role:admin"}"#);
        assert_eq!(u.policy_type, kind);
        let g = policies::get(&identity, &p.id)
            .await
            .map_err(e("get policy"))?;
        assert_eq!(g, u);

        // OS-ENDPOINT-POLICY: the policy for one endpoint, and for its service in its region.
        let eps: Vec<_> =
            endpoints::list(&identity, endpoints::ListOpts::new().interface("public"))
                .try_collect()
                .await
                .map_err(e("list endpoints"))?;
        let ep = eps.first().ok_or("no public endpoint")?;
        let region = ep.region_id.clone().ok_or("endpoint without region")?;
        let targets = [
            PolicyTarget::endpoint(&ep.id),
            PolicyTarget::service_in_region(&ep.service_id, &region),
        ];
        for t in &targets {
            endpoint_policies::associate(&identity, &p.id, t)
                .await
                .map_err(e("associate policy"))?;
            assert!(endpoint_policies::check(&identity, &p.id, t)
                .await
                .map_err(e("check policy"))?);
        }
        let covered: Vec<_> = endpoint_policies::list_endpoints(&identity, &p.id)
            .try_collect()
            .await
            .map_err(e("policy endpoints"))?;
        assert!(covered.iter().any(|x| x.id == ep.id), "{covered:?}");
        let effective = endpoint_policies::get_for_endpoint(&identity, &ep.id)
            .await
            .map_err(e("endpoint policy"))?;
        assert_eq!(effective.id, p.id);
        for t in &targets {
            endpoint_policies::dissociate(&identity, &p.id, t)
                .await
                .map_err(e("dissociate policy"))?;
            assert!(!endpoint_policies::check(&identity, &p.id, t)
                .await
                .map_err(e("check policy after"))?);
        }
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let d = policies::delete(&identity, &p.id).await;
    finish(result, "policy story");
    d.expect("delete policy");
    let err = policies::get(&identity, &p.id).await.expect_err("deleted");
    assert!(err.is_not_found(), "{err}");
}

/// OS-EP-FILTER: a project-endpoint association and an endpoint group associated with a
/// temporary project.
#[tokio::test]
async fn endpoint_filters_and_groups() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let all: Vec<_> = endpoints::list(&identity, endpoints::ListOpts::new().interface("public"))
        .try_collect()
        .await
        .expect("list endpoints");
    let endpoint = all.first().expect("a public endpoint").clone();
    let project = projects::create(
        &identity,
        projects::CreateOpts::new(realcloud::unique_name("epfilter")).domain_id("default"),
    )
    .await
    .expect("create project");
    let mut group_id = None;
    let result = AssertUnwindSafe(async {
        // Project <-> endpoint.
        project_endpoints::associate(&identity, &project.id, &endpoint.id)
            .await
            .map_err(e("associate"))?;
        assert!(
            project_endpoints::check(&identity, &project.id, &endpoint.id)
                .await
                .map_err(e("check"))?
        );
        let eps: Vec<_> = project_endpoints::list_endpoints(&identity, &project.id)
            .try_collect()
            .await
            .map_err(e("project endpoints"))?;
        assert_eq!(
            eps.iter().map(|x| &x.id).collect::<Vec<_>>(),
            [&endpoint.id]
        );
        let ps: Vec<_> = project_endpoints::list_projects(&identity, &endpoint.id)
            .try_collect()
            .await
            .map_err(e("endpoint projects"))?;
        assert!(ps.iter().any(|p| p.id == project.id));
        project_endpoints::dissociate(&identity, &project.id, &endpoint.id)
            .await
            .map_err(e("dissociate"))?;
        assert!(
            !project_endpoints::check(&identity, &project.id, &endpoint.id)
                .await
                .map_err(e("check after"))?
        );

        // Endpoint groups.
        let g = endpoint_groups::create(
            &identity,
            endpoint_groups::CreateOpts::new(
                realcloud::unique_name("epgroup"),
                endpoint_groups::Filters::new()
                    .service_id(&endpoint.service_id)
                    .interface("public"),
            )
            .description("temp"),
        )
        .await
        .map_err(e("create group"))?;
        group_id = Some(g.id.clone());
        assert_eq!(g.filters.interface.as_deref(), Some("public"));
        let listed: Vec<_> =
            endpoint_groups::list(&identity, endpoint_groups::ListOpts::new().name(&g.name))
                .try_collect()
                .await
                .map_err(e("list groups"))?;
        assert_eq!(listed.len(), 1, "{listed:?}");
        let matched: Vec<_> = endpoint_groups::list_endpoints(&identity, &g.id)
            .try_collect()
            .await
            .map_err(e("group endpoints"))?;
        assert!(matched.iter().any(|x| x.id == endpoint.id), "{matched:?}");
        assert!(matched.iter().all(|x| x.service_id == endpoint.service_id));
        let u = endpoint_groups::update(
            &identity,
            &g.id,
            endpoint_groups::UpdateOpts::new().clear_description(),
        )
        .await
        .map_err(e("update group"))?;
        assert_eq!(u.description, None);
        assert_eq!(u.filters, g.filters);

        endpoint_groups::associate_project(&identity, &g.id, &project.id)
            .await
            .map_err(e("associate group"))?;
        assert!(
            endpoint_groups::check_project(&identity, &g.id, &project.id)
                .await
                .map_err(e("check group"))?
        );
        let a = endpoint_groups::get_project_association(&identity, &g.id, &project.id)
            .await
            .map_err(e("group project"))?;
        assert_eq!(
            (a.endpoint_group_id.as_str(), a.project_id.as_str()),
            (g.id.as_str(), project.id.as_str())
        );
        let ps: Vec<_> = endpoint_groups::list_projects(&identity, &g.id)
            .try_collect()
            .await
            .map_err(e("group projects"))?;
        assert_eq!(ps.iter().map(|x| &x.id).collect::<Vec<_>>(), [&project.id]);
        let gs: Vec<_> = endpoint_groups::list_for_project(&identity, &project.id)
            .try_collect()
            .await
            .map_err(e("project groups"))?;
        assert_eq!(gs.iter().map(|x| &x.id).collect::<Vec<_>>(), [&g.id]);
        endpoint_groups::dissociate_project(&identity, &g.id, &project.id)
            .await
            .map_err(e("dissociate group"))?;
        assert!(
            !endpoint_groups::check_project(&identity, &g.id, &project.id)
                .await
                .map_err(e("check group after"))?
        );
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let _ = project_endpoints::dissociate(&identity, &project.id, &endpoint.id).await;
    let dg = match &group_id {
        Some(id) => endpoint_groups::delete(&identity, id).await,
        None => Ok(()),
    };
    let dp = projects::delete(&identity, &project.id).await;
    finish(result, "endpoint filter story");
    dg.expect("delete endpoint group");
    dp.expect("delete project");
}

/// EC2 credentials: admin creates a key pair for itself on its project, lists, gets and
/// deletes it.
#[tokio::test]
async fn ec2_credentials_lifecycle() {
    let Some((admin, identity)) = admin().await else {
        return;
    };
    let token = admin.token().await.expect("admin token");
    let user = token.user.as_ref().expect("token user").id.clone();
    let project = token.project.as_ref().expect("token project").id.clone();
    let c = ec2_credentials::create(&identity, &user, ec2_credentials::CreateOpts::new(&project))
        .await
        .expect("create ec2 credential");
    let result = AssertUnwindSafe(async {
        assert!(!c.access.is_empty());
        assert!(c.expose_secret().is_some_and(|s| !s.is_empty()));
        assert_eq!(c.user_id, user);
        assert_eq!(c.project_id.as_deref(), Some(project.as_str()));
        let all: Vec<_> = ec2_credentials::list(&identity, &user)
            .try_collect()
            .await
            .map_err(e("list ec2"))?;
        assert!(all.iter().any(|x| x.access == c.access));
        let got = ec2_credentials::get(&identity, &user, &c.access)
            .await
            .map_err(e("get ec2"))?;
        assert_eq!(got.expose_secret(), c.expose_secret());
        // The same credential, seen through /v3/credentials.
        let generic: Vec<_> = credentials::list(
            &identity,
            credentials::ListOpts::new()
                .user_id(&user)
                .credential_type("ec2"),
        )
        .try_collect()
        .await
        .map_err(e("list credentials"))?;
        assert!(generic.iter().any(|x| x.blob.contains(&c.access)));

        // Validation of a request signed with the key pair (signature version 2), as an
        // EC2-compatible service does it: admin sends it, Keystone checks the signature and
        // answers with a token for the key pair's owner and project.
        let secret = c.expose_secret().ok_or("no secret")?.to_owned();
        let signed = ec2_tokens::sign_v2(
            &c.access,
            &secret,
            "GET",
            "ec2.example.com:8773",
            "/",
            [("Action".to_owned(), "DescribeInstances".to_owned())].into(),
            time::OffsetDateTime::now_utc(),
        );
        let t = ec2_tokens::create(&identity, &signed)
            .await
            .map_err(e("ec2tokens"))?;
        assert_eq!(t.user.as_ref().map(|u| u.id.as_str()), Some(user.as_str()));
        assert_eq!(
            t.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        assert!(
            t.methods.iter().any(|m| m == "ec2credential"),
            "{:?}",
            t.methods
        );
        let mut forged = signed.clone();
        forged
            .params
            .insert("Action".into(), "TerminateInstances".into());
        let err = ec2_tokens::create(&identity, &forged)
            .await
            .expect_err("a changed request must not verify");
        assert!(err.is_unauthorized(), "{err}");
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let d = ec2_credentials::delete(&identity, &user, &c.access).await;
    finish(result, "ec2 story");
    d.expect("delete ec2 credential");
    let err = ec2_credentials::get(&identity, &user, &c.access)
        .await
        .expect_err("deleted");
    assert!(err.is_not_found(), "{err}");
}

/// OS-OAUTH1: a consumer, a request token for the admin project, authorization by admin
/// with its `admin` role, the access token, authentication with it (`OAuth1Auth`), the
/// user's view of the access token, revocation, and cleanup.
#[tokio::test]
async fn oauth1_delegation_flow() {
    let Some((admin, identity)) = admin().await else {
        return;
    };
    let token = admin.token().await.expect("admin token");
    let user = token.user.as_ref().expect("token user").id.clone();
    let project = token.project.as_ref().expect("token project").id.clone();
    let admin_role = role_id(&identity, "admin").await.expect("admin role");
    let consumer = oauth1::create_consumer(
        &identity,
        oauth1::CreateConsumerOpts::new().description(realcloud::unique_name("consumer")),
    )
    .await
    .expect("create consumer");
    let mut access_id = None;
    let result = AssertUnwindSafe(async {
        let secret = consumer
            .secret
            .as_ref()
            .ok_or("no consumer secret")?
            .expose_secret()
            .to_owned();
        assert!(!format!("{consumer:?}").contains(&secret));
        let listed: Vec<_> = oauth1::list_consumers(&identity)
            .try_collect()
            .await
            .map_err(e("list consumers"))?;
        assert!(listed.iter().any(|c| c.id == consumer.id));
        let c = oauth1::update_consumer(
            &identity,
            &consumer.id,
            oauth1::UpdateConsumerOpts::new().clear_description(),
        )
        .await
        .map_err(e("update consumer"))?;
        assert_eq!(c.description, None);
        assert!(oauth1::get_consumer(&identity, &consumer.id)
            .await
            .map_err(e("get consumer"))?
            .secret
            .is_none());

        let creds = oauth1::ConsumerCredentials::new(&consumer.id, secret);
        let rt = oauth1::request_token(&identity, &creds, &project)
            .await
            .map_err(e("request token"))?;
        let verifier = oauth1::authorize(&identity, &rt.key, &[admin_role.as_str()])
            .await
            .map_err(e("authorize"))?;
        let at = oauth1::access_token(&identity, &creds, &rt, &verifier)
            .await
            .map_err(e("access token"))?;
        access_id = Some(at.key.clone());

        let as_consumer = ProviderClient::builder()
            .auth_method(std::sync::Arc::new(oauth1::OAuth1Auth::new(
                realcloud::AUTH_URL,
                creds.clone(),
                at.clone(),
            )))
            .region(realcloud::REGION)
            .build()
            .await
            .map_err(e("oauth1 auth"))?;
        let t = as_consumer.token().await.map_err(e("oauth1 token"))?;
        assert_eq!(t.user.as_ref().map(|u| u.id.as_str()), Some(user.as_str()));
        assert_eq!(
            t.project.as_ref().map(|p| p.id.as_str()),
            Some(project.as_str())
        );
        assert!(t.methods.iter().any(|m| m == "oauth1"), "{:?}", t.methods);

        let tokens: Vec<_> = oauth1::list_access_tokens(&identity, &user)
            .try_collect()
            .await
            .map_err(e("list access tokens"))?;
        let mine = tokens
            .iter()
            .find(|x| x.id == at.key)
            .ok_or("access token not listed")?;
        assert_eq!(mine.consumer_id, consumer.id);
        assert_eq!(mine.project_id.as_deref(), Some(project.as_str()));
        let got = oauth1::get_access_token(&identity, &user, &at.key)
            .await
            .map_err(e("get access token"))?;
        assert_eq!(got.authorizing_user_id, user);
        let rs: Vec<_> = oauth1::list_access_token_roles(&identity, &user, &at.key)
            .try_collect()
            .await
            .map_err(e("access token roles"))?;
        assert!(rs.iter().any(|r| r.id == admin_role), "{rs:?}");
        let r = oauth1::get_access_token_role(&identity, &user, &at.key, &admin_role)
            .await
            .map_err(e("access token role"))?;
        assert_eq!(r.name, "admin");
        oauth1::revoke_access_token(&identity, &user, &at.key)
            .await
            .map_err(e("revoke"))?;
        access_id = None;
        let err = oauth1::get_access_token(&identity, &user, &at.key)
            .await
            .expect_err("revoked");
        assert!(err.is_not_found(), "{err}");
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    if let Some(id) = &access_id {
        let _ = oauth1::revoke_access_token(&identity, &user, id).await;
    }
    let d = oauth1::delete_consumer(&identity, &consumer.id).await;
    finish(result, "oauth1 story");
    d.expect("delete consumer");
}

/// Domain configuration: an LDAP configuration for a temporary (disabled, never used)
/// domain, read, updated and deleted by whole, group and option; and the defaults.
#[tokio::test]
async fn domain_configuration() {
    let Some((_admin, identity)) = admin().await else {
        return;
    };
    let domain = domains::create(
        &identity,
        domains::CreateOpts::new(realcloud::unique_name("cfgdomain")).enabled(false),
    )
    .await
    .expect("create domain");
    let result = AssertUnwindSafe(async {
        let mut config = domain_configs::Config::new();
        config
            .entry("identity".into())
            .or_default()
            .insert("driver".into(), "ldap".into());
        let ldap = config.entry("ldap".into()).or_default();
        ldap.insert("url".into(), "ldap://ldap.example:389/".into());
        ldap.insert("user_tree_dn".into(), "ou=Users,dc=example,dc=org".into());
        let made = domain_configs::create(&identity, &domain.id, &config)
            .await
            .map_err(e("create config"))?;
        assert_eq!(made, config);
        assert_eq!(
            domain_configs::get(&identity, &domain.id)
                .await
                .map_err(e("get config"))?,
            config
        );
        let group = domain_configs::get_group(&identity, &domain.id, "ldap")
            .await
            .map_err(e("get group"))?;
        assert_eq!(group, config["ldap"]);
        let url = domain_configs::get_option(&identity, &domain.id, "ldap", "url")
            .await
            .map_err(e("get option"))?;
        assert_eq!(url, "ldap://ldap.example:389/");

        let all = domain_configs::update_option(
            &identity,
            &domain.id,
            "ldap",
            "url",
            "ldaps://ldap.example/",
        )
        .await
        .map_err(e("update option"))?;
        assert_eq!(all["ldap"]["url"], "ldaps://ldap.example/");
        let mut opts = domain_configs::GroupOptions::new();
        opts.insert("user_tree_dn".into(), "ou=People,dc=example,dc=org".into());
        let all = domain_configs::update_group(&identity, &domain.id, "ldap", &opts)
            .await
            .map_err(e("update group"))?;
        assert_eq!(all["ldap"]["user_tree_dn"], "ou=People,dc=example,dc=org");
        assert_eq!(all["ldap"]["url"], "ldaps://ldap.example/", "a merge");
        domain_configs::delete_option(&identity, &domain.id, "ldap", "user_tree_dn")
            .await
            .map_err(e("delete option"))?;
        let err = domain_configs::get_option(&identity, &domain.id, "ldap", "user_tree_dn")
            .await
            .expect_err("deleted option");
        assert!(err.is_not_found(), "{err}");
        let mut more = domain_configs::Config::new();
        more.entry("ldap".into())
            .or_default()
            .insert("suffix".into(), "dc=example,dc=org".into());
        let all = domain_configs::update(&identity, &domain.id, &more)
            .await
            .map_err(e("update config"))?;
        assert_eq!(all["ldap"]["suffix"], "dc=example,dc=org");

        let defaults = domain_configs::get_default(&identity)
            .await
            .map_err(e("defaults"))?;
        assert!(defaults.contains_key("ldap"), "{defaults:?}");
        let ldap_defaults = domain_configs::get_group_default(&identity, "ldap")
            .await
            .map_err(e("group defaults"))?;
        assert!(ldap_defaults.contains_key("url"));
        let d = domain_configs::get_option_default(&identity, "ldap", "url")
            .await
            .map_err(e("option default"))?;
        assert!(d.is_string(), "{d}");

        domain_configs::delete_group(&identity, &domain.id, "ldap")
            .await
            .map_err(e("delete group"))?;
        let left = domain_configs::get(&identity, &domain.id)
            .await
            .map_err(e("get after group delete"))?;
        assert!(!left.contains_key("ldap"), "{left:?}");
        domain_configs::delete(&identity, &domain.id)
            .await
            .map_err(e("delete config"))?;
        let err = domain_configs::get(&identity, &domain.id)
            .await
            .expect_err("deleted config");
        assert!(err.is_not_found(), "{err}");
        R::<()>::Ok(())
    })
    .catch_unwind()
    .await;
    let _ = domain_configs::delete(&identity, &domain.id).await;
    let d = domains::delete(&identity, &domain.id).await;
    finish(result, "domain config story");
    d.expect("delete domain");
}
