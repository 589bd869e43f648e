//! Adversarial fuzzing of coopetition on stable Rust: a deterministic
//! mutation loop per parser and entry point, with oracles that catch what a
//! crash-only fuzzer misses.
//!
//! Each target starts from real inputs (the sample journal and snapshot, the
//! shipped parameters and guide), mutates them the way an edited file or a
//! hostile client would, and feeds them to the engine. An execution fails when
//! the engine panics, takes longer than the hang limit, or accepts an input it
//! cannot give back: a journal that does not replay to the same state, a value
//! read in another spelling than the one it writes, a snapshot that does not
//! load back.
//!
//! ```text
//! coopetition-fuzz [--target NAME|all] [--seconds S] [--max-execs N] [--seed N]
//! ```
//! `make test` runs every target for a bounded number of executions in a
//! debug build; `make fuzz` runs them in release for a longer time and prints
//! the executions per target. A failing input is written to
//! `target/fuzz-failures/` and the run exits with status 1.

mod batch;
mod mutate;
mod rng;
mod state;
mod targets;

use rng::Rng;
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What one execution showed.
pub enum Outcome {
    /// The engine accepted the input and every oracle held.
    Accepted,
    /// The engine refused it with a typed error of this code.
    Refused(&'static str),
    /// The engine accepted something it must not have, or gave it back wrong.
    Wrong(String),
}

/// A fuzz target: makes its next input and runs it.
pub trait Target {
    /// The target's name on the command line.
    fn name(&self) -> &'static str;
    /// The next input, as text (what is written out when it fails).
    fn next_input(&mut self, rng: &mut Rng) -> String;
    /// Runs one input through the engine and its oracles.
    fn run(&mut self, input: &str) -> Outcome;
    /// Keeps an accepted input to mutate further.
    fn keep(&mut self, _input: String) {}
}

struct Options {
    target: String,
    seconds: f64,
    max_execs: u64,
    seed: u64,
    hang: Duration,
    input: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        target: "all".into(),
        seconds: 20.0,
        max_execs: u64::MAX,
        seed: 1,
        hang: Duration::from_secs(2),
        input: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        let bad = |_| format!("bad value `{value}` for `{flag}`");
        match flag.as_str() {
            "--target" => o.target = value.clone(),
            "--seconds" => o.seconds = value.parse().map_err(|_| format!("bad value `{value}` for `{flag}`"))?,
            "--max-execs" => o.max_execs = value.parse().map_err(bad)?,
            "--seed" => o.seed = value.parse().map_err(bad)?,
            "--input" => o.input = Some(value.clone()),
            "--hang-ms" => o.hang = Duration::from_millis(value.parse().map_err(bad)?),
            _ => return Err(format!("unknown flag `{flag}`")),
        }
    }
    Ok(o)
}

/// The message of the last panic, caught by the hook instead of printed.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn record_panic(info: &panic::PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
    if let Ok(mut slot) = PANIC.lock() {
        *slot = Some(format!("{message}{location}"));
    }
}

struct Report {
    execs: u64,
    accepted: u64,
    refused: BTreeMap<&'static str, u64>,
    elapsed: Duration,
}

fn fail(target: &str, why: &str, input: &str) -> ExitCode {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
    let path = dir.join(format!("{target}-{}.txt", std::process::id()));
    let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, input));
    eprintln!("FAIL {target}: {why}");
    match written {
        Ok(()) => eprintln!("  input written to {}", path.display()),
        Err(e) => eprintln!("  input could not be written ({e}):\n{input}"),
    }
    ExitCode::FAILURE
}

fn run_target(target: &mut dyn Target, o: &Options) -> Result<Report, ExitCode> {
    let mut rng =
        Rng::new(o.seed ^ target.name().bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    let budget = Duration::from_secs_f64(o.seconds);
    let start = Instant::now();
    let mut report = Report { execs: 0, accepted: 0, refused: BTreeMap::new(), elapsed: Duration::ZERO };
    while report.execs < o.max_execs && start.elapsed() < budget {
        let input = target.next_input(&mut rng);
        let began = Instant::now();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| target.run(&input)));
        let took = began.elapsed();
        report.execs += 1;
        match outcome {
            Err(_) => {
                let message = PANIC.lock().ok().and_then(|mut m| m.take()).unwrap_or_default();
                return Err(fail(target.name(), &format!("panic: {message}"), &input));
            }
            Ok(Outcome::Wrong(why)) => return Err(fail(target.name(), &why, &input)),
            Ok(_) if took > o.hang => {
                return Err(fail(target.name(), &format!("hang: one execution took {took:?}"), &input));
            }
            Ok(Outcome::Accepted) => {
                report.accepted += 1;
                target.keep(input);
            }
            Ok(Outcome::Refused(code)) => *report.refused.entry(code).or_default() += 1,
        }
    }
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Runs one saved input (a text target's failure file) and says what happened.
fn run_file(targets: &mut [Box<dyn Target>], path: &str) -> ExitCode {
    let input = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("coopetition-fuzz: cannot read `{path}`: {e}");
            return ExitCode::from(2);
        }
    };
    let mut status = ExitCode::SUCCESS;
    for target in targets {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| target.run(&input)));
        let said = match outcome {
            Err(_) => {
                status = ExitCode::FAILURE;
                format!("panic: {}", PANIC.lock().ok().and_then(|mut m| m.take()).unwrap_or_default())
            }
            Ok(Outcome::Wrong(why)) => {
                status = ExitCode::FAILURE;
                format!("wrong: {why}")
            }
            Ok(Outcome::Accepted) => "accepted".into(),
            Ok(Outcome::Refused(code)) => format!("refused: {code}"),
        };
        println!("{:<10} {said}", target.name());
    }
    status
}

fn main() -> ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("coopetition-fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    panic::set_hook(Box::new(record_panic));
    let mut all = match targets::all() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("coopetition-fuzz: cannot prepare the seeds: {e}");
            return ExitCode::from(2);
        }
    };
    all.retain(|t| o.target == "all" || o.target == t.name());
    if all.is_empty() {
        eprintln!("coopetition-fuzz: unknown target `{}`", o.target);
        return ExitCode::from(2);
    }
    if let Some(path) = &o.input {
        return run_file(&mut all, path);
    }
    println!("coopetition-fuzz: seed {} (replay a failure with --seed {} --target NAME)", o.seed, o.seed);
    let mut total = 0;
    for target in &mut all {
        match run_target(target.as_mut(), &o) {
            Err(code) => return code,
            Ok(r) => {
                total += r.execs;
                let secs = r.elapsed.as_secs_f64().max(1e-9);
                let mut codes: Vec<_> = r.refused.iter().collect();
                codes.sort_by(|a, b| b.1.cmp(a.1));
                let top: Vec<String> = codes.iter().take(4).map(|(c, n)| format!("{c} {n}")).collect();
                println!(
                    "{:<10} {:>10} execs in {:>6.1} s ({:>9.0}/s): {} accepted, {} refused [{}]",
                    target.name(),
                    r.execs,
                    secs,
                    r.execs as f64 / secs,
                    r.accepted,
                    r.execs - r.accepted,
                    top.join(", ")
                );
            }
        }
    }
    println!("total      {total:>10} execs, no panic, hang or wrongly accepted input");
    ExitCode::SUCCESS
}
