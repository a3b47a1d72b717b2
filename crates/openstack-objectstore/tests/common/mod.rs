//! Shared helpers for the httpmock tests.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::{ProviderClient, ServiceClient};

/// The account path the mock serves.
pub const ACCOUNT: &str = "/v1/AUTH_test";

/// A Swift client against the mock server, without auth.
pub fn client(server: &MockServer) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("object-store", server.url(ACCOUNT))
        .build_lazy()
        .expect("provider");
    openstack_objectstore::client(&provider).expect("client")
}

/// A loud catch-all: any request no other mock expects gets a 500 that names itself.
/// Create it after the specific mocks.
pub fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server.mock(|_when, then| {
        then.status(500)
            .body("UNEXPECTED REQUEST: no mock in this test expects it");
    })
}

/// The headers of an `HTTP/1.1 ...` response sample from the corpus (`Name: value` lines
/// up to the first empty line), for serving as fixture headers.
pub fn sample_headers(rel: &str) -> Vec<(String, String)> {
    let text = String::from_utf8(openstack_test_support::corpus::read(rel)).expect("utf8");
    text.lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// The body of an `HTTP/1.1 ...` response sample (after the first empty line).
pub fn sample_body(rel: &str) -> String {
    let text = String::from_utf8(openstack_test_support::corpus::read(rel)).expect("utf8");
    match text.split_once("\n\n") {
        Some((_, body)) => body.to_owned(),
        None => String::new(),
    }
}

/// Corpus-relative path of a Swift sample.
pub fn sample(name: &str) -> String {
    format!("swift/api-ref/source/samples/{name}")
}

/// Deterministic pseudo-random bytes.
pub fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The hex MD5 of some bytes.
pub fn md5_hex(data: &[u8]) -> String {
    use md5::Digest;
    hex::encode(md5::Md5::digest(data))
}
