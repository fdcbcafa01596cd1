//! GGUF header reader: any bytes parse or fail with an error — never a
//! panic, a hang or an allocation sized by an untrusted count — and a
//! header that parses goes through the whole estimate without panicking.
#![no_main]

use headroom_core::arch::Arch;
use headroom_core::estimate::estimate;
use headroom_core::gguf::read_header;
use headroom_core::inputs::Inputs;
use headroom_core::quant::plan_from_gguf;
use headroom_core::resolve_inputs::resolve_with_weights;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(header) = read_header(data) else {
        return;
    };
    let plan = plan_from_gguf(&header);
    let Ok(arch) = Arch::from_gguf(&header) else {
        return;
    };
    if let Ok(scenario) = resolve_with_weights(&Inputs::default(), arch, plan, 0) {
        let e = estimate(&scenario);
        assert!(e.decode_tokens_per_s.is_finite() && e.decode_tokens_per_s >= 0.0);
    }
});
