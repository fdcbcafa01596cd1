//! The README's catalog counts are generated (`scripts/gen-docs`); this
//! fails when they no longer match the catalogs compiled into the binary.

use std::process::Command;

fn count(what: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args([what, "--count"])
        .output()
        .expect("run headroom");
    assert!(out.status.success(), "headroom {what} --count failed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn readme_catalog_counts_are_current() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("read README.md");
    let models = format!("**{} models**", count("models"));
    let devices = format!("**{} devices**", count("gpus"));
    for want in [&models, &devices] {
        assert!(
            readme.contains(want.as_str()),
            "README.md does not say {want}: run scripts/gen-docs"
        );
    }
}
