//! config.json importer: any text parses or fails with an error, and a
//! config that resolves goes through the whole estimate without panicking.
#![no_main]

use headroom_core::arch::Arch;
use headroom_core::estimate::estimate;
use headroom_core::hf_json::parse_config_json;
use headroom_core::inputs::Inputs;
use headroom_core::resolve_inputs::resolve_with_arch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = parse_config_json(text) else {
        return;
    };
    let Ok(arch) = Arch::from_hf(&config) else {
        return;
    };
    if let Ok(scenario) = resolve_with_arch(&Inputs::default(), arch, 0) {
        let e = estimate(&scenario);
        assert!(e.total_bytes >= e.weights_bytes);
    }
});
