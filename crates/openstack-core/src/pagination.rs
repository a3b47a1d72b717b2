//! Pagination (placeholder).
/// Pager.
pub struct Pager<T>(std::marker::PhantomData<T>);
