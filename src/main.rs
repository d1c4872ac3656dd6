use std::process::ExitCode;

fn main() -> ExitCode {
    juesuan::cli::main()
}
