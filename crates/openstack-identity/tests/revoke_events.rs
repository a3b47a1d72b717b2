//! Revocation events against httpmock, with the official sample as fixture.

mod common;

use common::{catch_all, sample, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::revoke_events::{self, ListOpts};

#[tokio::test]
async fn list_since() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-REVOKE/events")
                .query_param("since", "2014-02-27T00:00:00Z");
            then.status(200).json_body(sample(
                "keystone/api-ref/source/v3-ext/samples/OS-REVOKE/list-revoke-response.json",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let events: Vec<_> = revoke_events::list(
        &c,
        ListOpts::new().since(time::macros::datetime!(2014-02-27 00:00 UTC)),
    )
    .try_collect()
    .await
    .expect("list");
    assert_eq!(events.len(), 4);
    assert_eq!(events[0].user_id.as_deref(), Some("f287de"));
    assert_eq!(
        events[1].audit_id.as_deref(),
        Some("VcxU2JYqT8OzfUVvrjEITQ")
    );
    assert_eq!(events[2].project_id.as_deref(), Some("976bf9"));
    assert!(events[0].issued_before.is_some());
    assert_eq!(
        events[3].issued_before, None,
        "the sample's malformed timestamp"
    );
    list.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}
