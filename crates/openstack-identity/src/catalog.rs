//! catalog (todo).
