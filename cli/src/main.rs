//! `headroom`: the command-line front end of headroom-core. Everything but
//! the process I/O lives in the library (`lib.rs`).

use std::io::Write as _;
use std::process::ExitCode;

use headroom_cli::args::input_err;
use headroom_cli::run;

fn main() -> ExitCode {
    let argv: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect()
    {
        Ok(v) => v,
        Err(_) => {
            let e = input_err("arguments must be valid UTF-8");
            eprintln!("error: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    match run(argv) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
