//! juesuan: a validator for Chinese government final-account disclosures (部门决算 /
//! 单位决算 and 绩效自评 reports).
//!
//! Pipeline: [`input`] (walk, read, decode) → [`text`] (normalise with an offset map) →
//! [`sections`] → [`claims`] (every figure with its span) → [`extract`] (typed records) →
//! [`rules`] (cross-checks, exact rounding) → [`report`] (printers). [`check`] runs it per
//! file in parallel; [`cli`] owns the process. See ARCHITECTURE.md.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod claims;
pub mod cli;
pub mod extract;
pub mod finding;
pub mod grid;
pub mod input;
pub mod model;
pub mod report;
pub mod rules;
pub mod sections;
pub mod text;
