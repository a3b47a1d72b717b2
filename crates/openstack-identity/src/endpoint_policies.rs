//! Endpoint policies (`OS-ENDPOINT-POLICY`): associate a stored [`Policy`] with an endpoint,
//! a service, or a service in a region, so that a service can fetch the policy that applies
//! to its endpoint. Associate, check, dissociate, list a policy's endpoints, and get the
//! effective policy of an endpoint.
//!
//! ```no_run
//! # async fn f(identity: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_identity::endpoint_policies::{self, PolicyTarget};
//!
//! let target = PolicyTarget::service_in_region("compute-service-id", "RegionOne");
//! endpoint_policies::associate(identity, "policy-id", &target).await?;
//! let policy = endpoint_policies::get_for_endpoint(identity, "endpoint-id").await?;
//! println!("{}", policy.blob_text());
//! # Ok(()) }
//! ```

use openstack_core::{Pager, Request, Result, ServiceClient};

use crate::endpoints::Endpoint;
use crate::policies::Policy;
use crate::util::{self, seg};

/// What a policy is associated with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyTarget {
    /// One endpoint.
    Endpoint(String),
    /// Every endpoint of a service.
    Service(String),
    /// The endpoints of a service in one region.
    ServiceInRegion {
        /// The service.
        service_id: String,
        /// The region.
        region_id: String,
    },
}

impl PolicyTarget {
    /// One endpoint.
    pub fn endpoint(id: impl Into<String>) -> Self {
        PolicyTarget::Endpoint(id.into())
    }
    /// Every endpoint of a service.
    pub fn service(id: impl Into<String>) -> Self {
        PolicyTarget::Service(id.into())
    }
    /// The endpoints of a service in one region.
    pub fn service_in_region(service_id: impl Into<String>, region_id: impl Into<String>) -> Self {
        PolicyTarget::ServiceInRegion {
            service_id: service_id.into(),
            region_id: region_id.into(),
        }
    }

    fn path(&self, policy_id: &str) -> String {
        let base = format!("policies/{}/OS-ENDPOINT-POLICY", seg(policy_id));
        match self {
            PolicyTarget::Endpoint(id) => format!("{base}/endpoints/{}", seg(id)),
            PolicyTarget::Service(id) => format!("{base}/services/{}", seg(id)),
            PolicyTarget::ServiceInRegion {
                service_id,
                region_id,
            } => format!(
                "{base}/services/{}/regions/{}",
                seg(service_id),
                seg(region_id)
            ),
        }
    }
}

/// `PUT /v3/policies/{policy_id}/OS-ENDPOINT-POLICY/{endpoints/..|services/..[/regions/..]}`.
pub fn associate_request(policy_id: &str, target: &PolicyTarget) -> Request {
    Request::put(target.path(policy_id)).ok_status([200, 204])
}

/// Associates a policy with an endpoint, a service, or a service in a region.
pub async fn associate(
    client: &ServiceClient,
    policy_id: &str,
    target: &PolicyTarget,
) -> Result<()> {
    client
        .send_empty(associate_request(policy_id, target))
        .await
}

/// `HEAD` on the association.
pub fn check_request(policy_id: &str, target: &PolicyTarget) -> Request {
    Request::head(target.path(policy_id))
}

/// Whether the association exists (`false` on 404).
pub async fn check(client: &ServiceClient, policy_id: &str, target: &PolicyTarget) -> Result<bool> {
    util::exists(client, check_request(policy_id, target)).await
}

/// `DELETE` on the association.
pub fn dissociate_request(policy_id: &str, target: &PolicyTarget) -> Request {
    Request::delete(target.path(policy_id)).ok_status([204])
}

/// Removes the association.
pub async fn dissociate(
    client: &ServiceClient,
    policy_id: &str,
    target: &PolicyTarget,
) -> Result<()> {
    client
        .send_empty(dissociate_request(policy_id, target))
        .await
}

/// `GET /v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints`.
pub fn list_endpoints_request(policy_id: &str) -> Request {
    Request::get(format!(
        "policies/{}/OS-ENDPOINT-POLICY/endpoints",
        seg(policy_id)
    ))
}

/// Lists the endpoints a policy applies to (directly, through their service, or through
/// their service and region).
pub fn list_endpoints(client: &ServiceClient, policy_id: &str) -> Pager<Endpoint> {
    Pager::linked(
        client.clone(),
        list_endpoints_request(policy_id),
        "endpoints",
    )
}

/// `GET /v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy`.
pub fn get_for_endpoint_request(endpoint_id: &str) -> Request {
    Request::get(format!(
        "endpoints/{}/OS-ENDPOINT-POLICY/policy",
        seg(endpoint_id)
    ))
}

/// The policy that applies to an endpoint: its own, else its service's in its region, else
/// its service's (404 when none does).
pub async fn get_for_endpoint(client: &ServiceClient, endpoint_id: &str) -> Result<Policy> {
    client
        .send_keyed(get_for_endpoint_request(endpoint_id), "policy")
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let cases = [
            (
                PolicyTarget::endpoint("e"),
                "policies/p%2F1/OS-ENDPOINT-POLICY/endpoints/e",
            ),
            (
                PolicyTarget::service("s"),
                "policies/p%2F1/OS-ENDPOINT-POLICY/services/s",
            ),
            (
                PolicyTarget::service_in_region("s", "Region One"),
                "policies/p%2F1/OS-ENDPOINT-POLICY/services/s/regions/Region%20One",
            ),
        ];
        for (target, want) in cases {
            let r = associate_request("p/1", &target);
            assert_eq!((r.method().as_str(), r.path()), ("PUT", want));
            assert_eq!(check_request("p/1", &target).method().as_str(), "HEAD");
            assert_eq!(
                dissociate_request("p/1", &target).method().as_str(),
                "DELETE"
            );
        }
        assert_eq!(
            list_endpoints_request("p").path(),
            "policies/p/OS-ENDPOINT-POLICY/endpoints"
        );
        assert_eq!(
            get_for_endpoint_request("e").path(),
            "endpoints/e/OS-ENDPOINT-POLICY/policy"
        );
    }
}
