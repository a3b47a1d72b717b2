//! rustls configuration: roots, extra CAs, client certificates, and the explicit opt-out.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use secrecy::ExposeSecret;

use super::{TlsRoots, TransportConfig};
use crate::error::{Error, Result};

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

pub(crate) fn client_config(cfg: &TransportConfig) -> Result<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::config(format!("TLS setup failed: {e}")))?;

    let builder = if cfg.insecure {
        tracing::warn!(
            target: "openstack_core::transport",
            "TLS certificate verification is DISABLED (insecure mode): connections can be intercepted"
        );
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider())))
    } else {
        let mut roots = RootCertStore::empty();
        if matches!(cfg.roots, TlsRoots::Both | TlsRoots::WebPki) {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        if matches!(cfg.roots, TlsRoots::Both | TlsRoots::Native) {
            let native = rustls_native_certs::load_native_certs();
            for e in &native.errors {
                tracing::debug!(target: "openstack_core::transport", "skipping a system root: {e}");
            }
            let (_added, _ignored) = roots.add_parsable_certificates(native.certs);
        }
        for pem in &cfg.extra_ca_pem {
            let mut n = 0;
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert =
                    cert.map_err(|e| Error::config(format!("invalid CA certificate PEM: {e}")))?;
                roots
                    .add(cert)
                    .map_err(|e| Error::config(format!("unusable CA certificate: {e}")))?;
                n += 1;
            }
            if n == 0 {
                return Err(Error::config("the CA bundle contains no PEM certificate"));
            }
        }
        builder.with_root_certificates(roots)
    };

    match &cfg.identity {
        None => Ok(builder.with_no_client_auth()),
        Some(id) => {
            let certs = CertificateDer::pem_slice_iter(&id.cert_pem)
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| Error::config(format!("invalid client certificate PEM: {e}")))?;
            if certs.is_empty() {
                return Err(Error::config(
                    "the client certificate file contains no PEM certificate",
                ));
            }
            let key = PrivateKeyDer::from_pem_slice(id.key_pem.expose_secret()).map_err(|_| {
                Error::config("the client key file contains no usable PEM private key")
            })?;
            builder
                .with_client_auth_cert(certs, key)
                .map_err(|e| Error::config(format!("client certificate and key do not match: {e}")))
        }
    }
}

/// Accepts any server certificate. Only used when the user opts in to insecure mode.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
