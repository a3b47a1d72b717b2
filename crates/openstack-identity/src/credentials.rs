//! credentials (todo).
