//! Command line → inputs → scenario → estimate: any argument list gives
//! text or a clear error, never a panic. Arguments are NUL-separated in
//! the input. Flags that read files (`--config`, `--gguf`, `--dir`) and the
//! catalog-wide or file-reading commands (`fit`, `validate`) are left out,
//! so every run stays in memory and fast.
#![no_main]

use libfuzzer_sys::fuzz_target;

const COMMANDS: [&str; 5] = ["estimate", "quants", "models", "gpus", "help"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = core::str::from_utf8(rest) else {
        return;
    };
    let mut argv = vec![COMMANDS[usize::from(first) % COMMANDS.len()].to_string()];
    for arg in text.split('\0').take(32) {
        if arg.len() > 256 || ["--config", "--gguf", "--dir"].iter().any(|f| arg.starts_with(f)) {
            return;
        }
        argv.push(arg.to_string());
    }
    match headroom_cli::run(argv) {
        Ok(out) => assert!(!out.is_empty()),
        Err(e) => assert!(!e.to_string().is_empty() && !e.to_string().contains('\n')),
    }
});
