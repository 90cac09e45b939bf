//! The page's table and chart come from a recorded run: `results.txt` holds
//! the output of `cargo run --release -p ch03-connection-cost -- 1000 10000`
//! twice (two runs, one after the other), then of `-- 20000` (where limits
//! stop both servers). The first run is the one shown.
//!
//! After recording a new run, redraw the chart with
//! `SNAPSHOTS=overwrite cargo test -p ch03-connection-cost --test chart`
//! and copy the table this test prints into the page.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

const RESULTS: &str = "listings/ch03-service/connection-cost/results.txt";
const CHART: &str = "src/img/ch03-connection-cost.svg";
const PAGE: &str = "src/ch03-service/what-it-costs.md";

/// One row of the program's table.
#[derive(Debug)]
struct Row {
    connections: u64,
    model: String,
    rss_mib: f64,
    kib_per_connection: f64,
    kernel_stacks_mib: f64,
    virtual_mib: f64,
    threads: u64,
    connect_ms: f64,
}

/// The rows of the first run in `results.txt`.
fn first_run() -> Vec<Row> {
    let text = fs::read_to_string(root().join(RESULTS)).expect("results.txt");
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        if line.starts_with("machine:") {
            break; // the next run
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        // 1000  tasks  4.8 MiB  2.0 KiB  +0.2 MiB  202.3 MiB  4  54.6 ms
        if let [
            n,
            model,
            rss,
            "MiB",
            per,
            "KiB",
            kernel,
            "MiB",
            virt,
            "MiB",
            threads,
            ms,
            "ms",
        ] = fields.as_slice()
        {
            let number = |s: &str| s.parse::<f64>().expect(line);
            rows.push(Row {
                connections: n.parse().expect(line),
                model: model.to_string(),
                rss_mib: number(rss),
                kib_per_connection: number(per),
                kernel_stacks_mib: number(kernel),
                virtual_mib: number(virt),
                threads: threads.parse().expect(line),
                connect_ms: number(ms),
            });
        }
    }
    assert_eq!(
        rows.len(),
        4,
        "{RESULTS}: expected 1,000 and 10,000 connections, both models"
    );
    rows
}

/// 10000 -> "10,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn markdown_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| connections | model | server RSS (MiB) | RSS per connection (KiB) | \
         kernel stacks (MiB) | virtual memory (MiB) | threads | connect all (ms) |\n\
         | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in rows {
        writeln!(
            out,
            "| {} | {} | {:.1} | {:.1} | {:+.1} | {} | {} | {} |",
            thousands(r.connections),
            r.model,
            r.rss_mib,
            r.kib_per_connection,
            r.kernel_stacks_mib,
            thousands(r.virtual_mib.round() as u64),
            thousands(r.threads),
            thousands(r.connect_ms.round() as u64),
        )
        .unwrap();
    }
    out
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 112.0; // right edge of the row labels
const BARS: f64 = LABEL + 10.0; // where the bars start
const LONGEST: f64 = 330.0; // the longest bar, leaving room for its value
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;
const TOP: f64 = 32.0;

/// Horizontal bars, one per row: the server's resident memory, followed
/// (dashed) by how much the kernel's thread stacks grew. Drawn in
/// `currentColor` (tasks light, threads solid) so that it takes the theme's
/// text colour when included inline.
fn svg(rows: &[Row]) -> String {
    let kernel = |r: &Row| {
        let k = (r.kernel_stacks_mib * 10.0).round() / 10.0;
        if k > 0.0 { k } else { 0.0 }
    };
    let most = rows
        .iter()
        .map(|r| r.rss_mib + kernel(r))
        .fold(0.0, f64::max);
    let scale = LONGEST / most;
    let y_of = |i: usize| TOP + i as f64 * ROW + (i / 2) as f64 * 10.0;
    let height = y_of(rows.len()) + 30.0;
    let summary: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {}: {:.1} MiB resident, kernel stacks {:+.1} MiB",
                thousands(r.connections),
                r.model,
                r.rss_mib,
                r.kernel_stacks_mib
            )
        })
        .collect();

    let mut s = String::new();
    writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="ch03-connection-cost" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" style="max-width:100%;height:auto" font-family="sans-serif" font-size="12" fill="currentColor">"#
    )
    .unwrap();
    writeln!(
        s,
        r#"<title id="ch03-connection-cost">The server's memory with idle connections, one task or one thread per connection. {}</title>"#,
        summary.join("; ")
    )
    .unwrap();
    writeln!(
        s,
        r#"<text x="{BARS}" y="14" font-weight="bold">server memory with all connections open</text>"#
    )
    .unwrap();
    writeln!(
        s,
        r#"<rect x="{BARS}" y="{:.1}" width="1" height="{:.1}"/>"#,
        TOP - 4.0,
        y_of(rows.len()) - TOP
    )
    .unwrap();
    for (i, r) in rows.iter().enumerate() {
        let y = y_of(i);
        let mid = y + BAR / 2.0;
        writeln!(
            s,
            r#"<text x="{LABEL}" y="{mid:.1}" text-anchor="end" dominant-baseline="middle">{} {}</text>"#,
            thousands(r.connections),
            r.model
        )
        .unwrap();
        let style = if r.model == "tasks" {
            r#"fill-opacity="0.25" stroke="currentColor""#
        } else {
            r#"fill-opacity="0.85""#
        };
        let resident = (r.rss_mib * scale).max(1.0);
        writeln!(
            s,
            r#"<rect x="{BARS}" y="{y:.1}" width="{resident:.1}" height="{BAR}" {style}/>"#
        )
        .unwrap();
        let mut end = BARS + resident;
        let mut value = format!("{:.1} MiB", r.rss_mib);
        if kernel(r) > 0.0 {
            let length = (kernel(r) * scale).max(1.0);
            writeln!(
                s,
                r#"<rect x="{end:.1}" y="{:.1}" width="{length:.1}" height="{:.1}" fill="none" stroke="currentColor" stroke-dasharray="3 2"/>"#,
                y + 0.5,
                BAR - 1.0
            )
            .unwrap();
            end += length;
            value = format!("{:.1} + {:.1} MiB", r.rss_mib, kernel(r));
        }
        writeln!(
            s,
            r#"<text x="{:.1}" y="{mid:.1}" dominant-baseline="middle">{value}</text>"#,
            end + 5.0
        )
        .unwrap();
    }
    writeln!(
        s,
        r#"<text x="{BARS}" y="{:.1}" font-size="11" fill-opacity="0.8">filled: resident memory (light: tasks, solid: threads) · dashed: kernel stacks added</text>"#,
        height - 10.0
    )
    .unwrap();
    s.push_str("</svg>\n");
    s
}

#[test]
fn the_chart_is_drawn_from_the_recorded_run() {
    let drawn = svg(&first_run());
    let path = root().join(CHART);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        fs::write(&path, &drawn).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == drawn,
        "{CHART} is not the chart of {RESULTS}; redraw it with \
         `SNAPSHOTS=overwrite cargo test -p ch03-connection-cost --test chart`"
    );
}

#[test]
fn the_page_shows_the_recorded_run() {
    let table = markdown_table(&first_run());
    let page = fs::read_to_string(root().join(PAGE)).unwrap_or_default();
    assert!(
        page.contains(&table),
        "{PAGE} does not show the table of {RESULTS}; it should contain:\n\n{table}"
    );
}
