//! Regression tests for inputs the fuzzers found (`fuzz/regressions/`).
//! Each test is named after the target and the input file.

use headroom_core::share;

/// `fuzz/regressions/share_link/gpu-count-prefix-in-id`: a device id that
/// itself looks like `<count>x<id>` (`4x3-`) was written without its count,
/// so the link decoded back as four devices of id `3-`.
#[test]
fn share_link_gpu_count_prefix_in_id() {
    let raw = include_bytes!("../../fuzz/regressions/share_link/gpu-count-prefix-in-id");
    let query = core::str::from_utf8(raw).expect("the input is UTF-8");
    let first = share::decode(query);
    assert_eq!(
        first.state.inputs.hardware.gpus,
        vec![("4x3-".to_string(), 1)]
    );
    let encoded = share::encode(&first.state);
    let second = share::decode(&encoded);
    assert_eq!(first.state, second.state, "round trip through {encoded}");
    assert!(second.ignored.is_empty(), "{:?}", second.ignored);
}
