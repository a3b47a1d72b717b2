//! Waiting for a condition with a deadline and backoff (Gophercloud's `WaitFor`), on an
//! injectable [`Clock`] so tests run in no time.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use crate::auth::BoxFuture;
use crate::error::{Inner, Result};

/// A source of time: the wall clock, and sleeping. The client uses it for token expiry and
/// waiters; tests substitute a [`ManualClock`].
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> OffsetDateTime;
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: the system time and tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock that only moves when told to, or when something sleeps on it (the sleep returns
/// at once and advances the time). For tests.
///
/// ```
/// use std::time::Duration;
/// use openstack_core::wait::{Clock, ManualClock};
/// let clock = ManualClock::new(time::macros::datetime!(2030-01-01 00:00 UTC));
/// clock.advance(Duration::from_secs(60));
/// assert_eq!(clock.now(), time::macros::datetime!(2030-01-01 00:01 UTC));
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<OffsetDateTime>>,
}

impl ManualClock {
    /// A clock stopped at `start`.
    pub fn new(start: OffsetDateTime) -> Self {
        ManualClock {
            now: Arc::new(Mutex::new(start)),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }

    /// Sets the time.
    pub fn set(&self, to: OffsetDateTime) {
        *self.now.lock().unwrap_or_else(|e| e.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.advance(duration);
        Box::pin(tokio::task::yield_now())
    }
}

/// Polls a condition until it holds or a deadline passes, with exponential backoff.
///
/// ```no_run
/// # async fn f() -> openstack_core::Result<()> {
/// use std::time::Duration;
/// use openstack_core::wait::Waiter;
/// let status = Waiter::new(Duration::from_secs(300))
///     .describe("server to become ACTIVE")
///     .until(|| async { Ok(Some("ACTIVE")) })
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Waiter {
    timeout: Duration,
    initial_delay: Duration,
    max_delay: Duration,
    factor: f64,
    what: String,
    clock: Arc<dyn Clock>,
}

impl Waiter {
    /// A waiter that gives up after `timeout`; polls after 1 s, then backs off by 1.5× up to 10 s.
    pub fn new(timeout: Duration) -> Self {
        Waiter {
            timeout,
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(10),
            factor: 1.5,
            what: "the condition".into(),
            clock: Arc::new(SystemClock),
        }
    }

    /// The first delay between polls.
    pub fn initial_delay(mut self, d: Duration) -> Self {
        self.initial_delay = d;
        self
    }

    /// The longest delay between polls.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// The backoff factor (at least 1).
    pub fn factor(mut self, f: f64) -> Self {
        self.factor = f.max(1.0);
        self
    }

    /// What is waited for, for the timeout error message.
    pub fn describe(mut self, what: impl Into<String>) -> Self {
        self.what = what.into();
        self
    }

    /// The clock to use (tests use a [`ManualClock`]).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Polls `poll` until it returns `Ok(Some(value))`, returning the value. An error from
    /// `poll` ends the wait with that error; passing the deadline gives an error of kind
    /// [`WaitTimeout`](crate::ErrorKind::WaitTimeout).
    pub async fn until<T, F, Fut>(self, mut poll: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        let start = self.clock.now();
        let deadline = start + self.timeout;
        let mut delay = self.initial_delay;
        loop {
            if let Some(v) = poll().await? {
                return Ok(v);
            }
            let now = self.clock.now();
            if now >= deadline {
                return Err(Inner::WaitTimeout {
                    what: self.what,
                    timeout: self.timeout,
                }
                .into());
            }
            let left: Duration = (deadline - now).try_into().unwrap_or(Duration::ZERO);
            self.clock.sleep(delay.min(left)).await;
            delay = delay.mul_f64(self.factor).min(self.max_delay);
        }
    }
}

/// Waits until `predicate` returns `Ok(true)`, polling with backoff until `timeout`
/// (Gophercloud's `WaitFor`). See [`Waiter`] for the knobs and an injectable clock.
pub async fn wait_for<F, Fut>(timeout: Duration, mut predicate: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    Waiter::new(timeout)
        .until(|| {
            let fut = predicate();
            async move { Ok(fut.await?.then_some(())) }
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use time::macros::datetime;

    #[tokio::test]
    async fn succeeds_after_polls_with_backoff() {
        let clock = ManualClock::new(datetime!(2030-01-01 00:00 UTC));
        let calls = AtomicU32::new(0);
        let v = Waiter::new(Duration::from_secs(60))
            .clock(Arc::new(clock.clone()))
            .until(|| {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                async move { Ok((n == 3).then_some(n)) }
            })
            .await
            .expect("done");
        assert_eq!(v, 3);
        // Delays: 1 + 1.5 + 2.25 seconds.
        assert_eq!(clock.now(), datetime!(2030-01-01 00:00:04.75 UTC));
    }

    #[tokio::test]
    async fn times_out_with_typed_error() {
        let clock = ManualClock::new(datetime!(2030-01-01 00:00 UTC));
        let err = Waiter::new(Duration::from_secs(30))
            .describe("volume to become available")
            .clock(Arc::new(clock.clone()))
            .until(|| async { Ok(None::<()>) })
            .await
            .expect_err("timeout");
        assert_eq!(err.kind(), crate::ErrorKind::WaitTimeout);
        assert!(err.to_string().contains("volume to become available"));
        // It never sleeps past the deadline.
        assert_eq!(clock.now(), datetime!(2030-01-01 00:00:30 UTC));
    }

    #[tokio::test]
    async fn predicate_error_stops_waiting() {
        let err = wait_for(Duration::from_secs(5), || async {
            Err::<bool, _>(crate::Error::invalid_input("boom"))
        })
        .await
        .expect_err("error");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
    }
}
