//! Fixtures and helpers shared by the httpmock tests. There is no official corpus for
//! Rackspace: every fixture is a JSON literal taken from Rackspace's published API
//! documentation or from Gophercloud's old `rackspace/` packages, named in its comment.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::ProviderClient;

/// A Rackspace Identity v2.0 token response for an API-key login.
///
/// Source: docs.rackspace.com, Cloud Identity v2 "Annotated authentication request and
/// response" and the Cloud Servers developer guide "Authenticate: JSON Response"
/// (docs.rackspace.com/servers/api/v2/cs-devguide/content/auth-response-description.html):
/// the service names and types, the `cloudFiles` DFW/ORD endpoints and the first-generation
/// `cloudServers` entry (no region, `versionId` 1.0) are as documented; the endpoints of the
/// other regions and services follow the documented URL patterns (composed). The token
/// expiry was moved to 2099 so that the token cache keeps the token.
pub const TOKEN_RESPONSE: &str = r#"{
  "access": {
    "token": {
      "id": "aaaaa-bbbbb-ccccc-dddd",
      "expires": "2099-01-15T13:35:46.483Z",
      "tenant": {"id": "010101", "name": "010101"},
      "RAX-AUTH:authenticatedBy": ["APIKEY"]
    },
    "serviceCatalog": [
      {
        "name": "cloudFiles",
        "type": "object-store",
        "endpoints": [
          {"region": "DFW", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.dfw1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.dfw1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "ORD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.ord1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.ord1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "IAD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.iad3.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.iad3.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "LON", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.lon3.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.lon3.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "SYD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.syd2.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.syd2.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "HKG", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://storage101.hkg1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "internalURL": "https://snet-storage101.hkg1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"}
        ]
      },
      {
        "name": "cloudFilesCDN",
        "type": "rax:object-cdn",
        "endpoints": [
          {"region": "DFW", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "ORD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn2.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "IAD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn5.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "LON", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn3.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "SYD", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn4.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"},
          {"region": "HKG", "tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7",
           "publicURL": "https://cdn6.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7"}
        ]
      },
      {
        "name": "cloudServersOpenStack",
        "type": "compute",
        "endpoints": [
          {"region": "DFW", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://dfw.servers.api.rackspacecloud.com/v2",
           "versionList": "https://dfw.servers.api.rackspacecloud.com/",
           "publicURL": "https://dfw.servers.api.rackspacecloud.com/v2/010101"},
          {"region": "ORD", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://ord.servers.api.rackspacecloud.com/v2",
           "versionList": "https://ord.servers.api.rackspacecloud.com/",
           "publicURL": "https://ord.servers.api.rackspacecloud.com/v2/010101"},
          {"region": "IAD", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://iad.servers.api.rackspacecloud.com/v2",
           "versionList": "https://iad.servers.api.rackspacecloud.com/",
           "publicURL": "https://iad.servers.api.rackspacecloud.com/v2/010101"},
          {"region": "LON", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://lon.servers.api.rackspacecloud.com/v2",
           "versionList": "https://lon.servers.api.rackspacecloud.com/",
           "publicURL": "https://lon.servers.api.rackspacecloud.com/v2/010101"},
          {"region": "SYD", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://syd.servers.api.rackspacecloud.com/v2",
           "versionList": "https://syd.servers.api.rackspacecloud.com/",
           "publicURL": "https://syd.servers.api.rackspacecloud.com/v2/010101"},
          {"region": "HKG", "tenantId": "010101", "versionId": "2",
           "versionInfo": "https://hkg.servers.api.rackspacecloud.com/v2",
           "versionList": "https://hkg.servers.api.rackspacecloud.com/",
           "publicURL": "https://hkg.servers.api.rackspacecloud.com/v2/010101"}
        ]
      },
      {
        "name": "cloudServers",
        "type": "compute",
        "endpoints": [
          {"tenantId": "010101", "versionId": "1.0",
           "versionInfo": "https://servers.api.rackspacecloud.com/v1.0",
           "versionList": "https://servers.api.rackspacecloud.com/",
           "publicURL": "https://servers.api.rackspacecloud.com/v1.0/010101"}
        ]
      },
      {
        "name": "cloudBlockStorage",
        "type": "volume",
        "endpoints": [
          {"region": "DFW", "tenantId": "010101", "publicURL": "https://dfw.blockstorage.api.rackspacecloud.com/v1/010101"},
          {"region": "ORD", "tenantId": "010101", "publicURL": "https://ord.blockstorage.api.rackspacecloud.com/v1/010101"},
          {"region": "IAD", "tenantId": "010101", "publicURL": "https://iad.blockstorage.api.rackspacecloud.com/v1/010101"},
          {"region": "LON", "tenantId": "010101", "publicURL": "https://lon.blockstorage.api.rackspacecloud.com/v1/010101"},
          {"region": "SYD", "tenantId": "010101", "publicURL": "https://syd.blockstorage.api.rackspacecloud.com/v1/010101"},
          {"region": "HKG", "tenantId": "010101", "publicURL": "https://hkg.blockstorage.api.rackspacecloud.com/v1/010101"}
        ]
      },
      {
        "name": "cloudNetworks",
        "type": "network",
        "endpoints": [
          {"region": "DFW", "tenantId": "010101", "publicURL": "https://dfw.networks.api.rackspacecloud.com/v2.0"},
          {"region": "ORD", "tenantId": "010101", "publicURL": "https://ord.networks.api.rackspacecloud.com/v2.0"},
          {"region": "IAD", "tenantId": "010101", "publicURL": "https://iad.networks.api.rackspacecloud.com/v2.0"},
          {"region": "LON", "tenantId": "010101", "publicURL": "https://lon.networks.api.rackspacecloud.com/v2.0"},
          {"region": "SYD", "tenantId": "010101", "publicURL": "https://syd.networks.api.rackspacecloud.com/v2.0"},
          {"region": "HKG", "tenantId": "010101", "publicURL": "https://hkg.networks.api.rackspacecloud.com/v2.0"}
        ]
      },
      {
        "name": "cloudDNS",
        "type": "rax:dns",
        "endpoints": [
          {"tenantId": "010101", "publicURL": "https://dns.api.rackspacecloud.com/v1.0/010101"}
        ]
      },
      {
        "name": "cloudLoadBalancers",
        "type": "rax:load-balancer",
        "endpoints": [
          {"region": "DFW", "tenantId": "010101", "publicURL": "https://dfw.loadbalancers.api.rackspacecloud.com/v1.0/010101"},
          {"region": "LON", "tenantId": "010101", "publicURL": "https://lon.loadbalancers.api.rackspacecloud.com/v1.0/010101"}
        ]
      }
    ],
    "user": {
      "id": "123456",
      "name": "jsmith",
      "RAX-AUTH:defaultRegion": "DFW",
      "roles": [
        {"id": "3", "name": "identity:user-admin", "description": "User Admin Role."},
        {"id": "10000150", "name": "checkmate", "description": "Checkmate Access role"},
        {"tenantId": "MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7", "id": "5",
         "name": "object-store:default", "description": "A Role that allows a user access to keystone Service methods"},
        {"tenantId": "010101", "id": "6", "name": "compute:default",
         "description": "A Role that allows a user access to keystone Service methods"}
      ]
    }
  }
}"#;

/// A 401 from Rackspace Identity for a bad API key.
///
/// Source: composed in the Identity v2.0 fault shape that the Cloud Identity v2 token
/// operations document for 401 (`unauthorized` with `code` and `message`).
pub const UNAUTHORIZED: &str =
    r#"{"unauthorized": {"code": 401, "message": "Username or api key is invalid."}}"#;

/// A list of Rackspace servers (the first server of `ListOutput`).
///
/// Source: Gophercloud rackspace/compute/v2/servers/fixtures.go, `ListOutput`.
pub const SERVERS_LIST: &str = r#"{
  "servers": [
    {
      "OS-DCF:diskConfig": "MANUAL",
      "OS-EXT-STS:power_state": 1,
      "OS-EXT-STS:task_state": null,
      "OS-EXT-STS:vm_state": "active",
      "accessIPv4": "1.2.3.4",
      "accessIPv6": "1111:4822:7818:121:2000:9b5e:7438:a2d0",
      "addresses": {
        "private": [{"addr": "10.208.230.113", "version": 4}],
        "public": [
          {"addr": "2001:4800:7818:101:2000:9b5e:7428:a2d0", "version": 6},
          {"addr": "104.130.131.164", "version": 4}
        ]
      },
      "created": "2014-09-23T12:34:58Z",
      "flavor": {"id": "performance1-8", "links": [{"href": "https://dfw.servers.api.rackspacecloud.com/111111/flavors/performance1-8", "rel": "bookmark"}]},
      "hostId": "e8951a524bc465b0898aeac7674da6fe1495e253ae1ea17ddb2c2475",
      "id": "59818cee-bc8c-44eb-8073-673ee65105f7",
      "image": {"id": "255df5fb-e3d4-45a3-9a07-c976debf7c14", "links": [{"href": "https://dfw.servers.api.rackspacecloud.com/111111/images/255df5fb-e3d4-45a3-9a07-c976debf7c14", "rel": "bookmark"}]},
      "key_name": "mykey",
      "links": [
        {"href": "https://dfw.servers.api.rackspacecloud.com/v2/111111/servers/59818cee-bc8c-44eb-8073-673ee65105f7", "rel": "self"},
        {"href": "https://dfw.servers.api.rackspacecloud.com/111111/servers/59818cee-bc8c-44eb-8073-673ee65105f7", "rel": "bookmark"}
      ],
      "metadata": {},
      "name": "devstack",
      "progress": 100,
      "status": "ACTIVE",
      "tenant_id": "111111",
      "updated": "2014-09-23T12:38:19Z",
      "user_id": "14ae7bb21d81422694655f3cc30f2930"
    }
  ]
}"#;

/// Cloud Networks list.
///
/// Source: Gophercloud rackspace/compute/v2/networks/requests_test.go, `TestList`.
pub const NETWORKS_LIST: &str = r#"{
  "networks": [
    {"label": "test-network-1", "cidr": "192.168.100.0/24", "id": "d32019d3-bc6e-4319-9c1d-6722fc136a22"},
    {"label": "test-network-2", "cidr": "192.30.250.00/18", "id": "db193ab3-96e3-4cb3-8fc5-05f4296d0324"}
  ]
}"#;

/// Cloud Networks get.
///
/// Source: Gophercloud rackspace/compute/v2/networks/requests_test.go, `TestGet`.
pub const NETWORK_GET: &str = r#"{
  "network": {"label": "test-network-1", "cidr": "192.168.100.0/24", "id": "d32019d3-bc6e-4319-9c1d-6722fc136a22"}
}"#;

/// Cloud Networks create response.
///
/// Source: Gophercloud rackspace/compute/v2/networks/requests_test.go, `TestCreate`.
pub const NETWORK_CREATED: &str = r#"{
  "network": {"label": "test-network-1", "cidr": "192.168.100.0/24", "id": "4e8e5957-649f-477b-9e5b-f1f75b21c03c"}
}"#;

/// A Cloud Networks list with PublicNet (`public`) and ServiceNet (`private`), which have no
/// `cidr`.
///
/// Source: Rackspace Cloud Servers v2 API reference, "Networks operations" — "Retrieve list
/// of networks" JSON response (docs-ospc.rackspace.com/cloud-servers/v2/api-reference/
/// svr-networks-operations.html).
pub const NETWORKS_WELL_KNOWN: &str = r#"{
  "networks": [
    {"cidr": "192.168.0.0/24", "id": "1f84c238-b05a-4374-a0cb-aa6140032cd1", "label": "new_network"},
    {"id": "00000000-0000-0000-0000-000000000000", "label": "public"},
    {"id": "11111111-1111-1111-1111-111111111111", "label": "private"}
  ]
}"#;

/// Virtual interfaces of a server.
///
/// Source: Gophercloud rackspace/compute/v2/virtualinterfaces/requests_test.go, `TestList`.
pub const VIRTUAL_INTERFACES_LIST: &str = r#"{
  "virtual_interfaces": [
    {
      "id": "de7c6d53-b895-4b4a-963c-517ccb0f0775",
      "ip_addresses": [{"address": "192.168.0.2", "network_id": "f212726e-6321-4210-9bae-a13f5a33f83f", "network_label": "superprivate_xml"}],
      "mac_address": "BC:76:4E:04:85:20"
    },
    {
      "id": "e14e789d-3b98-44a6-9c2d-c23eb1d1465c",
      "ip_addresses": [{"address": "10.181.1.30", "network_id": "3b324a1b-31b8-4db5-9fe5-4a2067f60297", "network_label": "private"}],
      "mac_address": "BC:76:4E:04:81:55"
    }
  ]
}"#;

/// The answer to attaching a virtual interface (a list holding the new one).
///
/// Source: Gophercloud rackspace/compute/v2/virtualinterfaces/requests_test.go, `TestCreate`.
pub const VIRTUAL_INTERFACE_CREATED: &str = r#"{
  "virtual_interfaces": [
    {
      "id": "de7c6d53-b895-4b4a-963c-517ccb0f0775",
      "ip_addresses": [{"address": "192.168.0.2", "network_id": "f212726e-6321-4210-9bae-a13f5a33f83f", "network_label": "superprivate_xml"}],
      "mac_address": "BC:76:4E:04:85:20"
    }
  ]
}"#;

/// The JSON listing of CDN-enabled containers, first page.
///
/// Source: the fields of a `format=json` entry as Rackspace's Cloud Files CDN API reference
/// ("CDN account services operations", "CDN container services operations") and its SDKs
/// (pkgcloud `rackspace/storage/client/cdn-containers.js`, php-opencloud `CDNContainer`)
/// name them; the URI values are the docs' example URIs. Composed, not a recorded response:
/// the docs page shows the plain-text listing only. The second entry sends its flags and
/// TTL as strings, to check the lenient decoding.
pub const CDN_LIST_PAGE1: &str = r#"[
  {"cdn_enabled": true, "cdn_ios_uri": "http://acc3b9ba3ee4e7c5af3c-d27e6a9cdb3ee1be1e1d70b08a5bdd3c.iosr.cf1.rackcdn.com",
   "cdn_ssl_uri": "https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com",
   "cdn_streaming_uri": "http://084cc2790632ccee0a12-346eb45fd42c58ca13011d659bfc1ac1.r49.stream.cf0.rackcdn.com",
   "cdn_uri": "http://081e40d3ee1cec5f77bf-346eb45fd42c58ca13011d659bfc1ac1.r49.cf0.rackcdn.com",
   "log_retention": false, "name": "AJBcontainer", "ttl": 259200},
  {"cdn_enabled": false, "cdn_ios_uri": "http://a8b3c7e2e3a7d5b14d22-a0e1e2a49e0b7cda3c1bc28a0e34e7d2.iosr.cf1.rackcdn.com",
   "cdn_ssl_uri": "https://9e7b4c2a8f7d1e3b2c61-a0e1e2a49e0b7cda3c1bc28a0e34e7d2.ssl.cf1.rackcdn.com",
   "cdn_streaming_uri": "http://5f2c8e1a9b3d7c4e6a20-a0e1e2a49e0b7cda3c1bc28a0e34e7d2.r18.stream.cf1.rackcdn.com",
   "cdn_uri": "http://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.r10.cf1.rackcdn.com",
   "log_retention": "True", "name": "MyContainer", "ttl": "3600"}
]"#;

/// The JSON listing of CDN-enabled containers, second (last, short) page.
///
/// Source: as [`CDN_LIST_PAGE1`]; the old-format URI `http://c25810.r10.cf1.rackcdn.com` is
/// the example of "CDN container services operations". The streaming URIs were discontinued in 2022, so this entry
/// has none.
pub const CDN_LIST_PAGE2: &str = r#"[
  {"cdn_enabled": true, "cdn_ssl_uri": "https://c25810.ssl.cf1.rackcdn.com",
   "cdn_uri": "http://c25810.r10.cf1.rackcdn.com", "log_retention": false, "name": "mydog", "ttl": 900}
]"#;

/// Cloud Block Storage volume types.
///
/// Source: Rackspace Cloud Block Storage v1 API reference, "Volume types" — "Retrieve volume
/// types" JSON response (docs.rackspace.com/docs/cloud-block-storage/v1/api-reference/
/// cbs-volume-types-operations). Note the numeric ids.
pub const CBS_VOLUME_TYPES: &str = r#"{
  "volume_types": [
    {"id": 1, "name": "SATA", "extra_specs": {}},
    {"id": 2, "name": "SSD", "extra_specs": {}}
  ]
}"#;

/// A Cloud Block Storage volume list (Cinder v1 as Rackspace serves it).
///
/// Source: composed from the Cinder v1 "List volumes" sample (`vol-001`, id
/// `521752a6-acf6-4b2d-bc7a-119f9148cd8c`, `created_at` 2012-02-14T20:53:07) with the
/// Rackspace volume type and minimum SATA size from the Cloud Block Storage v1 API
/// reference; `bootable` as the string Cinder v1 sends.
pub const CBS_VOLUMES: &str = r#"{
  "volumes": [
    {
      "attachments": [],
      "availability_zone": "nova",
      "bootable": "false",
      "created_at": "2012-02-14T20:53:07.000000",
      "display_description": "",
      "display_name": "vol-001",
      "id": "521752a6-acf6-4b2d-bc7a-119f9148cd8c",
      "metadata": {},
      "os-vol-tenant-attr:tenant_id": "010101",
      "size": 75,
      "snapshot_id": null,
      "source_volid": null,
      "status": "available",
      "volume_type": "SATA"
    }
  ]
}"#;

/// A catch-all that answers anything unexpected with a loud 500. Create it LAST: httpmock
/// serves the first matching mock in creation order.
pub async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500)
                .header("content-type", "application/json")
                .body(
                    r#"{"fault": {"code": 500, "message": "UNEXPECTED REQUEST: no mock matched"}}"#,
                );
        })
        .await
}

/// A provider with no authentication whose `type` endpoint is the mock server at `path`.
pub fn provider(server: &MockServer, service_type: &str, path: &str) -> ProviderClient {
    ProviderClient::builder()
        .endpoint_override(service_type, server.url(path))
        .build_lazy()
        .expect("provider")
}
