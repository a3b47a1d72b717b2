//! The token cache: lazy, single-flight refresh.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::auth::{AuthContext, AuthMethod, Token};
use crate::client::Transport;
use crate::error::Result;
use crate::wait::Clock;

/// Holds the current token; refreshes it shortly before expiry or after a 401, with at most
/// one authentication request in flight however many tasks wait.
pub(crate) struct TokenCache {
    method: Arc<dyn AuthMethod>,
    current: RwLock<Option<Arc<Token>>>,
    refresh: tokio::sync::Mutex<()>,
    clock: Arc<dyn Clock>,
    margin: Duration,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("method", &self.method)
            .field("current", &self.current())
            .field("margin", &self.margin)
            .finish()
    }
}

impl TokenCache {
    pub(crate) fn new(
        method: Arc<dyn AuthMethod>,
        clock: Arc<dyn Clock>,
        margin: Duration,
    ) -> Self {
        TokenCache {
            method,
            current: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
            clock,
            margin,
        }
    }

    pub(crate) fn current(&self) -> Option<Arc<Token>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn store(&self, token: Arc<Token>) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(token);
    }

    pub(crate) fn can_reauthenticate(&self) -> bool {
        self.method.can_reauthenticate()
    }

    /// Whether the cached token is usable as it is.
    fn fresh(&self, token: &Token) -> bool {
        !self.method.can_reauthenticate() || !token.expires_within(self.clock.now(), self.margin)
    }

    /// The current token, refreshed first when missing or about to expire.
    pub(crate) async fn token(&self, transport: &Transport) -> Result<Arc<Token>> {
        if let Some(t) = self.current() {
            if self.fresh(&t) {
                return Ok(t);
            }
        }
        let _guard = self.refresh.lock().await;
        if let Some(t) = self.current() {
            if self.fresh(&t) {
                return Ok(t);
            }
        }
        self.authenticate(transport).await
    }

    /// A new token after `rejected` was refused with 401. When another task has already
    /// replaced it, that token is returned without a new request.
    pub(crate) async fn refresh_after_rejection(
        &self,
        transport: &Transport,
        rejected: &Arc<Token>,
    ) -> Result<Arc<Token>> {
        let _guard = self.refresh.lock().await;
        if let Some(t) = self.current() {
            if !Arc::ptr_eq(&t, rejected) {
                return Ok(t);
            }
        }
        self.authenticate(transport).await
    }

    /// Authenticates now (the caller holds the refresh lock, or is the only user).
    async fn authenticate(&self, transport: &Transport) -> Result<Arc<Token>> {
        tracing::debug!(target: "openstack_core::auth", "requesting a new token");
        let token = Arc::new(self.method.authenticate(AuthContext { transport }).await?);
        self.store(token.clone());
        Ok(token)
    }

    /// Authenticates now, under the refresh lock.
    pub(crate) async fn force_refresh(&self, transport: &Transport) -> Result<Arc<Token>> {
        let _guard = self.refresh.lock().await;
        self.authenticate(transport).await
    }
}
