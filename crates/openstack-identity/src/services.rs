//! services (todo).
