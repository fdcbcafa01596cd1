//! `headroom`: the command-line front end of headroom-core.

fn main() {
    println!("headroom {}", env!("CARGO_PKG_VERSION"));
}
