//! Configuration (placeholder).
use crate::auth::AuthOptions;
impl AuthOptions {
    /// From env.
    pub fn from_env() -> crate::Result<Self> {
        Err(crate::Error::config("todo"))
    }
}
