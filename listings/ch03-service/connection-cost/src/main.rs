//! Measures what idle connections cost a server, with one Tokio task per
//! connection and with one OS thread per connection.
//!
//! `cargo run --release -p ch03-connection-cost -- 1000 10000` measures
//! 1,000 and then 10,000 connections; with no count, it measures 1,000.
//! Linux only: it reads the server's memory from /proc.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{self, Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

/// How many connections to hold open when no count is given.
const DEFAULT_CONNECTIONS: usize = 1_000;

/// The server's first line on every connection. A client counts as connected
/// once it has read it: its task or thread is then running.
const GREETING: &[u8] = b"hello\n";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Model {
    Tasks,
    Threads,
}

impl Model {
    fn name(self) -> &'static str {
        match self {
            Model::Tasks => "tasks",
            Model::Threads => "threads",
        }
    }
}

// ANCHOR: tasks
/// Task per connection: the accept loop spawns one Tokio task for each
/// connection, and all of them share the runtime's few worker threads.
async fn serve_with_tasks(listener: tokio::net::TcpListener) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            // An error ends this connection only.
            let _ = echo(stream).await;
        });
    }
}

/// Greets the client, then sends back whatever it sends (Tokio's own
/// example of a server), with a buffer of 1 KiB.
async fn echo(mut stream: tokio::net::TcpStream) -> io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    stream.write_all(GREETING).await?;
    let mut buffer = [0; 1024];
    loop {
        let n = stream.read(&mut buffer).await?;
        if n == 0 {
            return Ok(()); // the client closed the connection
        }
        stream.write_all(&buffer[..n]).await?;
    }
}
// ANCHOR_END: tasks

// ANCHOR: threads
/// Thread per connection: the accept loop starts one OS thread for each
/// connection, which blocks in `read` until the client sends something.
fn serve_with_threads(listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        // What `thread::spawn` does, with the same default stack size, but
        // returning the error (at a thread limit) instead of panicking.
        thread::Builder::new().spawn(move || {
            let _ = echo_blocking(stream);
        })?;
    }
}

/// The same handler, with blocking I/O.
fn echo_blocking(mut stream: TcpStream) -> io::Result<()> {
    stream.write_all(GREETING)?;
    let mut buffer = [0; 1024];
    loop {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        stream.write_all(&buffer[..n])?;
    }
}
// ANCHOR_END: threads

/// Starts a server of `model` on 127.0.0.1, on a port the system picks, in
/// background threads of this process, and returns its address. If the
/// server stops (at a limit, say), it prints why and ends the process.
fn start_server(model: Model) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    match model {
        Model::Tasks => {
            // The runtime `#[tokio::main]` starts: one worker thread per core.
            let runtime = tokio::runtime::Runtime::new()?;
            listener.set_nonblocking(true)?;
            thread::spawn(move || {
                exit_on_error(runtime.block_on(async {
                    serve_with_tasks(tokio::net::TcpListener::from_std(listener)?).await
                }))
            });
        }
        Model::Threads => {
            thread::spawn(move || exit_on_error(serve_with_threads(listener)));
        }
    }
    Ok(addr)
}

fn exit_on_error(result: io::Result<()>) {
    if let Err(e) = result {
        println!("error: {e}");
        process::exit(1);
    }
}

/// A server in a process of its own: this same program, started with the
/// arguments `serve tasks` or `serve threads`. It prints its address, serves,
/// and exits when its standard input closes.
struct Server {
    process: Child,
    output: BufReader<ChildStdout>,
    addr: SocketAddr,
}

impl Server {
    fn start(model: Model) -> Result<Server, String> {
        let exe = env::current_exe().map_err(|e| e.to_string())?;
        let mut process = Command::new(exe)
            .args(["serve", model.name()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start the server: {e}"))?;
        let mut output = BufReader::new(process.stdout.take().expect("piped"));
        let mut line = String::new();
        let _ = output.read_line(&mut line);
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| format!("the server said {line:?} instead of its address"))?;
        Ok(Server {
            process,
            output,
            addr,
        })
    }

    fn pid(&self) -> u32 {
        self.process.id()
    }

    /// Stops the server and waits for it. If holding the connections failed
    /// (`held`), says why, and which limit stopped it if it was one: the
    /// server's error if it failed, or else this process's.
    fn stop<T>(mut self, held: io::Result<T>, connected: usize) -> Result<T, String> {
        drop(self.process.stdin.take());
        let mut said = String::new();
        let _ = self.output.read_to_string(&mut said);
        let mut stderr = String::new();
        if let Some(mut pipe) = self.process.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        let status = self.process.wait().map_err(|e| e.to_string())?;
        let client_error = match held {
            Ok(figures) => return Ok(figures),
            Err(e) => e,
        };
        let reason = if let Some(error) = said.lines().find_map(|l| l.strip_prefix("error: ")) {
            format!("the server failed: {}", explain(error))
        } else if !status.success() {
            // The line that names an error number, if any (a panic while
            // starting a thread ends in a line that does not), else the last.
            let last = (stderr.lines().rfind(|l| l.contains("(os error")))
                .or_else(|| stderr.lines().rfind(|l| !l.trim().is_empty()));
            format!(
                "the server died ({status}): {}",
                explain(last.unwrap_or("(it said nothing)"))
            )
        } else {
            format!("the clients failed: {}", explain(&client_error.to_string()))
        };
        Err(format!("stopped after {connected} connections; {reason}"))
    }
}

// ANCHOR: measure
/// Opens `n` connections to the server at `addr` (process `pid`), one after
/// another, and leaves them idle in `clients`. Returns the server's figures
/// before and after, and the time it took to connect them all.
fn connect_idle(
    addr: SocketAddr,
    pid: u32,
    n: usize,
    clients: &mut Vec<TcpStream>,
) -> io::Result<(Snapshot, Snapshot, Duration)> {
    // One connection first, not counted: what the server sets up once, for
    // its first connection, is not a cost per connection.
    connect(addr, clients)?;
    let before = Snapshot::of(pid)?;
    let start = Instant::now();
    for _ in 0..n {
        connect(addr, clients)?;
    }
    let connect_time = start.elapsed();
    Ok((before, Snapshot::of(pid)?, connect_time))
}

/// Opens one connection and waits for the server's greeting on it: by then,
/// the server's task or thread for it is running.
fn connect(addr: SocketAddr, clients: &mut Vec<TcpStream>) -> io::Result<()> {
    let mut stream = TcpStream::connect(addr)?;
    // A safety net: a server that stopped answering fails the run.
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut greeting = [0; GREETING.len()];
    stream.read_exact(&mut greeting)?;
    clients.push(stream);
    Ok(())
}
// ANCHOR_END: measure

/// A process's figures, as the kernel keeps them in /proc/<pid>/status, and
/// the memory of all kernel stacks (every thread has one) in the system.
#[derive(Debug, Clone, Copy)]
struct Snapshot {
    /// Resident memory: the pages in RAM. KiB, like all the figures.
    rss_kib: u64,
    /// Virtual memory: the address space reserved, resident or not.
    virtual_kib: u64,
    threads: u64,
    /// Of the whole system (/proc/meminfo), so other programs move it too.
    kernel_stacks_kib: u64,
}

impl Snapshot {
    fn of(pid: u32) -> io::Result<Snapshot> {
        let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
        let meminfo = fs::read_to_string("/proc/meminfo")?;
        Ok(Snapshot {
            rss_kib: field(&status, "VmRSS:")?,
            virtual_kib: field(&status, "VmSize:")?,
            threads: field(&status, "Threads:")?,
            kernel_stacks_kib: field(&meminfo, "KernelStack:")?,
        })
    }
}

/// The number after `name` in a /proc file (a process that has exited has
/// no memory figures left).
fn field(text: &str, name: &str) -> io::Result<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| {
            io::Error::other(format!("no {name} figure in /proc: has the server exited?"))
        })
}

/// One model's figures at one connection count.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    model: Model,
    connections: usize,
    before: Snapshot,
    after: Snapshot,
    connect_time: Duration,
}

impl Measurement {
    /// Resident memory added per connection, in KiB.
    fn kib_per_connection(&self) -> f64 {
        self.after.rss_kib.saturating_sub(self.before.rss_kib) as f64 / self.connections as f64
    }

    /// How much all kernel stacks together grew, in KiB.
    fn kernel_stacks_added_kib(&self) -> i64 {
        self.after.kernel_stacks_kib as i64 - self.before.kernel_stacks_kib as i64
    }
}

fn measure(model: Model, n: usize) -> Result<Measurement, String> {
    let server = Server::start(model)?;
    let mut clients = Vec::with_capacity(n + 1);
    let held = connect_idle(server.addr, server.pid(), n, &mut clients);
    let connected = clients.len().saturating_sub(1);
    // The server closes its ends first, so that the closed connections wait
    // out TCP's TIME-WAIT on its side, not on the clients' ports (thousands
    // of those would slow the next run's connects).
    let stopped = server.stop(held, connected);
    drop(clients);
    let (before, after, connect_time) = stopped?;
    Ok(Measurement {
        model,
        connections: n,
        before,
        after,
        connect_time,
    })
}

/// An error message, followed by which limit it means, if it names a Linux
/// error number that a limit returns.
fn explain(error: &str) -> String {
    let errno = error
        .split("(os error ")
        .nth(1)
        .and_then(|rest| rest.split(')').next()?.parse().ok());
    let limit = match errno {
        Some(24) => {
            let (soft, hard) = rlimit::Resource::NOFILE.get().unwrap_or_default();
            format!(
                "the open-files limit, {soft} per process (hard limit {hard}): each connection \
                 takes one file descriptor in the server's process and one in the clients'"
            )
        }
        Some(23) => format!(
            "the open-files limit of the whole system (fs.file-max = {})",
            sysctl("fs/file-max")
        ),
        Some(11) => format!(
            "a limit on threads: `ulimit -u` = {}, kernel.threads-max = {}, kernel.pid_max = {}",
            rlimit::Resource::NPROC
                .get()
                .map_or("?".into(), |(soft, _)| soft.to_string()),
            sysctl("kernel/threads-max"),
            sysctl("kernel/pid_max"),
        ),
        Some(12) => format!(
            "the memory mappings a process may have, vm.max_map_count = {} (a Rust thread \
             takes four: its stack, its stack's guard page, its signal stack and that one's \
             guard page), or memory itself",
            sysctl("vm/max_map_count")
        ),
        Some(99) => format!(
            "the local ports for connections to one address (net.ipv4.ip_local_port_range = {})",
            sysctl("net/ipv4/ip_local_port_range")
        ),
        _ => return error.to_string(),
    };
    format!("{error}; the limit reached is {limit}")
}

fn sysctl(name: &str) -> String {
    fs::read_to_string(format!("/proc/sys/{name}")).map_or("?".into(), |v| {
        v.split_whitespace().collect::<Vec<_>>().join("-")
    })
}

/// The machine the figures come from, and how busy it is.
fn describe_machine() -> String {
    let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("?", |v| v.trim_start_matches([' ', '\t', ':']));
    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    let ram_kib = field(&read("/proc/meminfo"), "MemTotal:").unwrap_or(0);
    let load = read("/proc/loadavg");
    let load: Vec<_> = load.split_whitespace().take(3).collect();
    format!(
        "{cpu}, {cores} cores, {:.1} GiB RAM, Linux {}, load average {}",
        ram_kib as f64 / 1024.0 / 1024.0,
        read("/proc/sys/kernel/osrelease").trim(),
        load.join(" ")
    )
}

fn mib(kib: i64) -> f64 {
    kib as f64 / 1024.0
}

const HEADER: &str = "connections  model    server RSS  per connection  kernel stacks  \
                      virtual memory  threads  connect all";

fn print_row(m: &Measurement) {
    println!(
        "{:>11}  {:<7}  {:>6.1} MiB  {:>10.1} KiB  {:>+9.1} MiB  {:>10.1} MiB  {:>7}  {:>8.1} ms",
        m.connections,
        m.model.name(),
        mib(m.after.rss_kib as i64),
        m.kib_per_connection(),
        mib(m.kernel_stacks_added_kib()),
        mib(m.after.virtual_kib as i64),
        m.after.threads,
        m.connect_time.as_secs_f64() * 1000.0,
    );
}

/// `serve tasks` or `serve threads`: run as a server (see `Server`).
fn serve(model: &str) -> ! {
    let model = if model == "tasks" {
        Model::Tasks
    } else {
        Model::Threads
    };
    let served = start_server(model).and_then(|addr| {
        println!("listening on {addr}");
        io::stdout().flush()?;
        io::stdin().read_to_end(&mut Vec::new())
    });
    exit_on_error(served.map(drop));
    process::exit(0)
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    if args.len() == 2 && args[0] == "serve" {
        serve(&args[1]);
    }
    let counts: Vec<usize> = if args.is_empty() {
        vec![DEFAULT_CONNECTIONS]
    } else {
        args.iter()
            .map(|a| a.replace([',', '_'], "").parse().ok().filter(|&n| n > 0))
            .collect::<Option<_>>()
            .unwrap_or_else(|| {
                eprintln!("usage: ch03-connection-cost [CONNECTIONS]...");
                process::exit(2)
            })
    };
    // Each connection takes a file descriptor in each process, and each
    // process a few more of its own. A server started later inherits this.
    let most = counts.iter().max().copied().unwrap_or(0) as u64;
    let _ = rlimit::increase_nofile_limit(most + 64);
    let (soft, hard) = rlimit::Resource::NOFILE.get().unwrap_or_default();

    println!("machine: {}", describe_machine());
    println!("open files: up to {soft} per process (hard limit {hard})");
    println!("Idle connections over loopback, each server in its own process:");
    println!("{HEADER}");
    for n in counts {
        let mut figures = Vec::new();
        for model in [Model::Tasks, Model::Threads] {
            match measure(model, n) {
                Ok(m) => {
                    print_row(&m);
                    figures.push(m);
                }
                Err(e) => println!("{n:>11}  {:<7}  {e}", model.name()),
            }
        }
        if let [tasks, threads] = figures.as_slice() {
            println!(
                "{n:>11}  per connection, threads used {:.1} times the resident memory of tasks",
                threads.kib_per_connection() / tasks.kib_per_connection()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    const N: usize = 1000;

    /// What one idle connection added to a server, in KiB.
    struct PerConnection {
        tasks_rss: f64,
        threads_rss: f64,
        threads_virtual: f64,
    }

    /// Measured once for all the tests: run at the same time, two
    /// measurements would add to each other's figures.
    fn per_connection() -> &'static PerConnection {
        static MEASURED: OnceLock<PerConnection> = OnceLock::new();
        MEASURED.get_or_init(|| {
            // Both servers and all their clients run in this one process (a
            // test cannot start this program's binary): the clients'
            // sockets are file descriptors, which cost the process no
            // memory of its own. Each connection takes two descriptors, and
            // all stay open to the end, so that no task or thread ending
            // frees memory while the other model is measured.
            let needed = 4 * (N as u64 + 1) + 64;
            let limit = rlimit::increase_nofile_limit(needed).unwrap();
            assert!(
                limit >= needed,
                "this test holds 2 x {N} connections in one process: it needs {needed} open \
                 files, and the hard limit (`ulimit -Hn`) is {limit}"
            );

            let tasks = connect_in_process(Model::Tasks);
            let threads = connect_in_process(Model::Threads);
            let per = |before: u64, after: u64| (after - before) as f64 / N as f64;
            PerConnection {
                tasks_rss: per(tasks.0.rss_kib, tasks.1.rss_kib),
                threads_rss: per(threads.0.rss_kib, threads.1.rss_kib),
                threads_virtual: per(threads.0.virtual_kib, threads.1.virtual_kib),
            }
        })
    }

    /// Starts a server of `model` in this process, opens `N` idle connections
    /// to it, and leaves them open. Returns this process's figures before
    /// and after.
    fn connect_in_process(model: Model) -> (Snapshot, Snapshot) {
        let addr = start_server(model).unwrap();
        let mut clients = Vec::with_capacity(N + 1);
        let (before, after, _) = connect_idle(addr, process::id(), N, &mut clients).unwrap();
        clients.leak();
        (before, after)
    }

    // The claim: per idle connection, a thread costs several times the
    // resident memory of a task. Measured with this test on x86-64 Linux in
    // 60 runs (debug and release builds, three at a time on a 2-core
    // machine with a load average above 20): a task 1.8 to 2.3 KiB, a thread
    // 9.6 KiB every time, a ratio of 4.2 to 5.4. Resident memory counts the
    // pages touched, which load does not change. The factor of 3 fails only
    // if a task costs 39% more than the most ever measured, or a thread 28%
    // less.
    #[test]
    fn tasks_use_several_times_less_memory_than_threads() {
        let m = per_connection();
        assert!(
            m.threads_rss > 3.0 * m.tasks_rss,
            "per connection: tasks {:.1} KiB, threads {:.1} KiB resident",
            m.tasks_rss,
            m.threads_rss
        );
    }

    // The claim: each thread reserves its whole 2 MiB stack in virtual
    // memory, but only a few pages of it become resident (measured: 9.6 KiB
    // per thread, stack, signal stack and all).
    #[test]
    fn a_thread_reserves_2_mib_but_little_of_it_is_resident() {
        let m = per_connection();
        assert!(
            m.threads_virtual >= 2048.0,
            "per thread: {:.1} KiB of virtual memory",
            m.threads_virtual
        );
        assert!(
            m.threads_rss < 32.0,
            "per thread: {:.1} KiB resident",
            m.threads_rss
        );
    }
}
