//! regions (todo).
