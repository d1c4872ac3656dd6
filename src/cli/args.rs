//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::OutputFormat;

const EXAMPLES: &str = "\
Examples:
  juesuan check reports/                 check every *.txt under reports/
  juesuan check 2023决算.txt --format concise
  juesuan check - < report.txt           read a report from standard input
  juesuan check reports/ --format json > findings.json
  juesuan check reports/ --select CHG,SHR --ignore CHG004
  juesuan extract report.txt             print the extracted records as JSON
  juesuan rule CHG002                    explain a rule

Exit codes: 0 no error finding, 1 error findings, 2 usage error or unreadable input.";

#[derive(Debug, Parser)]
#[command(
    name = "juesuan",
    version,
    about = "Checks the arithmetic of 部门决算 / 单位决算 and 绩效自评 reports (.txt)",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports and print every discrepancy.
    Check(CheckArgs),
    /// Print the typed records extracted from reports, as JSON.
    Extract(InputArgs),
    /// Explain one rule (`juesuan rule CHG002`) or all of them.
    Rule {
        /// Rule code or name.
        code: Option<String>,
        /// Explain every rule.
        #[arg(long)]
        all: bool,
    },
    /// List the rules: code, name, default severity, summary.
    Rules,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders (searched recursively for *.txt); `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = crate::input::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub format: OutputFormat,
    /// When to colour the output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Run only these rules: codes or prefixes, comma-separated (`CHG,SUM001`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Skip these rules: codes or prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
