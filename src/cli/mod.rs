//! The process: arguments, streams, exit codes. The only place (with `report`) that prints.

mod args;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::check::{Settings, check_each};
use crate::input::expand;
use crate::report::{self, Summary};
use crate::rules::{self, ALL, Selection};
pub use args::{CheckArgs, Cli, ColorChoice, Command, InputArgs};

/// Entry point of the binary.
pub fn main() -> ExitCode {
    // A panic inside one file's pipeline is caught and reported as that file's error
    // (check.rs); the default hook would also dump it, with the report, on stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // `juesuan check … | head`: the reader went away; end quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("juesuan: {e}");
            }
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Extract(args) => extract(args),
        Command::Rule { code, all } => explain(code.as_deref(), all),
        Command::Rules => list_rules(),
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let expanded = expand(&args.input.paths);
    let settings = Settings {
        selection: Selection {
            select: args.select,
            ignore: args.ignore,
        },
        max_file_size: args.input.max_file_size,
    };
    let mut path_errors: Vec<(String, String)> = expanded
        .errors
        .iter()
        .map(|(p, e)| (p.clone(), e.to_string()))
        .collect();
    // A gate must not pass when it checked nothing: a folder without reports is an input
    // failure, named like any other.
    if expanded.sources.is_empty() && path_errors.is_empty() {
        let paths: Vec<String> = args
            .input
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        path_errors.push((paths.join(", "), "no .txt reports found".to_owned()));
    }
    let choice = match args.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    let styled = args.format == report::OutputFormat::Full && args.color != ColorChoice::Never;
    let mut out = anstream::AutoStream::new(io::stdout().lock(), choice);
    let mut err = io::stderr().lock();
    // Files are printed as their batch finishes, in input order.
    let mut printer =
        report::CheckPrinter::start(&mut out, &mut err, &path_errors, args.format, styled)?;
    check_each(&expanded.sources, &settings, false, |r| printer.file(&r))?;
    let summary: Summary = printer.finish()?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// One report of `juesuan extract`'s output, serialised straight from the records.
#[derive(serde::Serialize)]
struct ExtractEntry<'a> {
    path: &'a str,
    report: &'a crate::model::Report,
}

fn extract(args: InputArgs) -> io::Result<u8> {
    let expanded = expand(&args.paths);
    let settings = Settings {
        max_file_size: args.max_file_size,
        ..Settings::default()
    };
    let mut err = io::stderr().lock();
    let mut failed = !expanded.errors.is_empty();
    for (p, e) in &expanded.errors {
        writeln!(err, "juesuan: {p}: {e}")?;
    }
    // `{"files": [ … ]}`, one report at a time.
    let mut out = io::stdout().lock();
    write!(out, "{{\n  \"files\": [")?;
    let mut files = report::json::Stream::default();
    check_each(&expanded.sources, &settings, true, |r| -> io::Result<()> {
        if let Some(e) = &r.error {
            writeln!(err, "juesuan: {}: {e}", r.path)?;
            failed = true;
        }
        if let Some(rep) = &r.report {
            let entry = ExtractEntry {
                path: &r.path,
                report: rep,
            };
            files.entry(&mut out, &entry)?;
        }
        Ok(())
    })?;
    writeln!(out, "\n  ]\n}}")?;
    Ok(if failed { 2 } else { 0 })
}

fn explain(code: Option<&str>, all: bool) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let chosen: Vec<_> = if all {
        ALL.to_vec()
    } else if let Some(c) = code {
        match rules::by_code(c) {
            Some(r) => vec![r],
            None => {
                writeln!(
                    io::stderr(),
                    "juesuan: no rule named {c} (see `juesuan rules`)"
                )?;
                return Ok(2);
            }
        }
    } else {
        writeln!(io::stderr(), "juesuan: give a rule code, or --all")?;
        return Ok(2);
    };
    for r in chosen {
        writeln!(
            out,
            "# {}/{} ({})\n\n{}\n\n{}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary,
            r.doc
        )?;
    }
    Ok(0)
}

fn list_rules() -> io::Result<u8> {
    let mut out = io::stdout().lock();
    for r in ALL {
        writeln!(
            out,
            "{:<8} {:<28} {:<8} {}",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        )?;
    }
    Ok(0)
}
