//! Share-link codec: any query string decodes without panicking, and what
//! it decodes to survives an encode/decode round trip unchanged.
#![no_main]

use headroom_core::share;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = core::str::from_utf8(data) else {
        return;
    };
    let first = share::decode(query);
    let encoded = share::encode(&first.state);
    let second = share::decode(&encoded);
    assert_eq!(first.state, second.state, "round trip changed the state: {encoded}");
    assert!(second.ignored.is_empty(), "re-encoded link was not clean: {encoded}");
});
