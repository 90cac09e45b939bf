//! Concurrency timelines, recorded from real runs of the listings' async
//! functions on Tokio's paused clock and drawn as small SVGs.
//!
//! [`Recorder::traced`] wraps a future: it records when the future is first
//! polled (it starts), each time it is polled again after its waker was woken
//! (it resumes after waiting; a poll without a wake, such as `select!` or
//! `join!` polling every branch, is not counted), and when it finishes, or is
//! dropped unfinished (cancelled). On the paused clock
//! time only moves while every task waits, so the timeline is the same on
//! every run, on any machine.
//!
//! This module is compiled into `tests/timelines.rs` (with `#[path]`), not
//! into the harness library: it needs Tokio's paused clock, a dev-dependency.

use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;
use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Finished,
    Dropped,
}

/// One traced future: a lane of the timeline.
#[derive(Debug, Clone, Default)]
pub struct Lane {
    pub name: String,
    pub start: Option<Duration>,
    /// The polls after the first that follow a wake: when it resumed.
    pub resumed: Vec<Duration>,
    pub end: Option<(Duration, End)>,
}

/// Collects the lanes of one run (made by [`record`], inside the runtime).
#[derive(Clone)]
pub struct Recorder {
    origin: Instant,
    lanes: Arc<Mutex<Vec<Lane>>>,
}

impl Recorder {
    /// Wraps `future` so that its life is recorded as a lane named `name`.
    /// Lanes are drawn in the order they are created.
    pub fn traced<F: Future>(&self, name: &str, future: F) -> Traced<F> {
        let mut lanes = self.lanes.lock().unwrap();
        lanes.push(Lane {
            name: name.to_owned(),
            ..Lane::default()
        });
        Traced {
            inner: Box::pin(future),
            recorder: self.clone(),
            lane: lanes.len() - 1,
            wake: Arc::new(WakeFlag {
                woken: AtomicBool::new(false),
                waker: Mutex::new(Waker::noop().clone()),
            }),
        }
    }

    fn with_lane(&self, lane: usize, f: impl FnOnce(&mut Lane, Duration)) {
        let now = self.origin.elapsed();
        f(&mut self.lanes.lock().unwrap()[lane], now);
    }
}

/// A future that records its inner future's life (see [`Recorder::traced`]).
pub struct Traced<F: Future> {
    inner: Pin<Box<F>>,
    recorder: Recorder,
    lane: usize,
    wake: Arc<WakeFlag>,
}

/// The waker the inner future gets: notes the wake, then passes it on.
struct WakeFlag {
    woken: AtomicBool,
    waker: Mutex<Waker>,
}

impl Wake for WakeFlag {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.waker.lock().unwrap().wake_by_ref();
    }
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let woken = self.wake.woken.swap(false, Ordering::SeqCst);
        self.recorder
            .with_lane(self.lane, |lane, now| match lane.start {
                None => lane.start = Some(now),
                Some(_) if woken => lane.resumed.push(now),
                Some(_) => {}
            });
        self.wake.waker.lock().unwrap().clone_from(cx.waker());
        let waker = Waker::from(self.wake.clone());
        let result = self.inner.as_mut().poll(&mut Context::from_waker(&waker));
        if result.is_ready() {
            self.recorder
                .with_lane(self.lane, |lane, now| lane.end = Some((now, End::Finished)));
        }
        result
    }
}

impl<F: Future> Drop for Traced<F> {
    fn drop(&mut self) {
        self.recorder.with_lane(self.lane, |lane, now| {
            if lane.start.is_some() && lane.end.is_none() {
                lane.end = Some((now, End::Dropped));
            }
        });
    }
}

/// Runs `scenario` on a fresh single-threaded runtime whose clock is paused,
/// and returns what it recorded.
pub fn record<Fut: Future<Output = ()>>(scenario: impl FnOnce(Recorder) -> Fut) -> Vec<Lane> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("cannot build a runtime");
    runtime.block_on(async {
        let recorder = Recorder {
            origin: Instant::now(),
            lanes: Arc::default(),
        };
        scenario(recorder.clone()).await;
        recorder.lanes.lock().unwrap().clone()
    })
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 170.0;
const RIGHT: f64 = 70.0;
const LANE: f64 = 30.0;
const TOP: f64 = 10.0;
const AXIS: f64 = 48.0;

/// Draws the lanes as an SVG: a bar per lane from its start to its end, a
/// tick where it was polled again after waiting, "done" or "dropped" at its
/// end, and a time axis. `title` is its accessible name; `id` names the
/// title element, unique on the page.
pub fn svg(id: &str, title: &str, lanes: &[Lane]) -> String {
    let span = lanes
        .iter()
        .filter_map(|l| l.end.map(|(t, _)| t))
        .max()
        .unwrap_or_default()
        .max(Duration::from_millis(1));
    let step = tick_step(span);
    let plot = WIDTH - LABEL - RIGHT;
    let x = |t: Duration| LABEL + plot * t.as_secs_f64() / span.as_secs_f64();
    let height = TOP + LANE * lanes.len() as f64 + AXIS;

    let mut out = String::new();
    // No blank line anywhere: inline in Markdown, a blank line would end the HTML block.
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" aria-labelledby="{id}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" style="max-width:100%;height:auto" font-family="sans-serif" font-size="12" fill="currentColor">"#
    );
    let _ = writeln!(out, r#"<title id="{id}">{}</title>"#, escape(title));
    for (i, lane) in lanes.iter().enumerate() {
        let mid = TOP + LANE * i as f64 + LANE / 2.0;
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" dominant-baseline="middle">{}</text>"#,
            LABEL - 8.0,
            mid,
            escape(&lane.name)
        );
        let (Some(start), Some((end, how))) = (lane.start, lane.end) else {
            continue;
        };
        let (x0, x1) = (x(start), x(end).max(x(start) + 2.0));
        let (dashes, label) = match how {
            End::Finished => ("", "done"),
            End::Dropped => (r#" stroke-dasharray="4 3""#, "dropped"),
        };
        let _ = writeln!(
            out,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="14" rx="3" fill-opacity="0.25" stroke="currentColor"{dashes}/>"#,
            mid - 7.0,
            x1 - x0,
        );
        for &t in &lane.resumed {
            let _ = writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="2" height="20"/>"#,
                x(t) - 1.0,
                mid - 10.0
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{mid:.1}" dominant-baseline="middle">{label}</text>"#,
            x1 + 6.0,
        );
    }
    let axis_y = TOP + LANE * lanes.len() as f64 + 4.0;
    let _ = writeln!(
        out,
        r#"<rect x="{LABEL}" y="{axis_y:.1}" width="{plot:.1}" height="1"/>"#
    );
    let mut t = Duration::ZERO;
    while t <= span {
        let _ = writeln!(
            out,
            r#"<rect x="{:.1}" y="{axis_y:.1}" width="1" height="5"/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(t),
            x(t),
            axis_y + 18.0,
            if t.is_zero() {
                "0".to_owned()
            } else {
                format!("{t:?}")
            }
        );
        t += step;
    }
    let _ = writeln!(
        out,
        r#"<text x="{LABEL}" y="{:.1}" font-size="11" fill-opacity="0.8">bar: from first poll to end · tick: woken and polled again · dashed: dropped</text>"#,
        axis_y + 38.0
    );
    out.push_str("</svg>\n");
    out
}

/// A tick every 1, 2 or 5 times a power of ten milliseconds, about five ticks in all.
fn tick_step(span: Duration) -> Duration {
    let rough = span.as_millis() / 5;
    let mut steps = (0..).flat_map(|power| [1, 2, 5].map(|m| m * 10u128.pow(power)));
    Duration::from_millis(steps.find(|&step| step >= rough).unwrap() as u64)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
