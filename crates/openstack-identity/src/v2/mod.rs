//! v2 (todo).
