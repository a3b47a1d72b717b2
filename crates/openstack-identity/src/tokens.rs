//! tokens (todo).
