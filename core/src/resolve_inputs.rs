//! Resolving [`Inputs`] against the catalogs into a [`Scenario`].
//!
//! This is the only fallible step before estimation: an unknown model,
//! GPU or quantization name, or an out-of-range number, gives a
//! [`ResolveError`] with a one-line message. Runtime defaults are applied
//! here (flash attention `auto`, tensor parallelism for vLLM/SGLang).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::arch::Arch;
use crate::catalog;
use crate::device::{Backend, DeviceKind, DeviceSpec};
use crate::inputs::{Inputs, ModelRef};
use crate::quant::{plan_weights, QuantChoice};
use crate::resolve::ArchError;
use crate::runtime;
use crate::scenario::{host_device, Scenario};
use crate::units::GIB;
use crate::weights::WeightPlan;

/// Largest context accepted (tokens).
pub const MAX_CTX: u64 = 16 << 20;
/// Largest number of parallel sequences accepted.
pub const MAX_PARALLEL: u32 = 1024;
/// Largest physical batch accepted.
pub const MAX_UBATCH: u32 = 1 << 16;
/// Largest number of GPUs accepted.
pub const MAX_GPUS: u32 = 64;
/// Largest memory size accepted for one device, GiB.
pub const MAX_GIB: f64 = 1_048_576.0;

/// System RAM assumed when the user gives none and the machine is not a
/// unified-memory one.
pub const DEFAULT_RAM_GIB: u64 = 32;
/// RAM bandwidth assumed for a discrete-GPU PC: DDR5-5600 dual channel,
/// 5600 MT/s × 8 B × 2 = 89.6 GB/s (JEDEC transfer rate × bus width).
pub const DEFAULT_RAM_GB_PER_S: f64 = 89.6;
/// CPU matrix throughput assumed for prefill on a desktop CPU (estimate).
pub const DEFAULT_CPU_TFLOPS: f64 = 1.0;
/// Bandwidth assumed for a hand-entered GPU (a mid-range card; estimate).
pub const CUSTOM_GPU_GB_PER_S: f64 = 448.0;
/// FP16 throughput assumed for a hand-entered GPU (estimate).
pub const CUSTOM_GPU_TFLOPS: f64 = 40.0;

/// Why inputs could not be resolved.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ResolveError {
    /// No catalog model with this id or Hugging Face repo.
    UnknownModel(String),
    /// No catalog GPU with this id.
    UnknownGpu(String),
    /// The quantization name is not recognised.
    UnknownQuant(String),
    /// The model's architecture could not be resolved.
    Arch(ArchError),
    /// A number is outside its accepted range.
    OutOfRange {
        /// Which input.
        field: &'static str,
        /// The value, as text.
        value: String,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::UnknownModel(m) => write!(f, "unknown model `{m}`"),
            ResolveError::UnknownGpu(g) => write!(f, "unknown GPU `{g}`"),
            ResolveError::UnknownQuant(q) => write!(f, "unknown quantization `{q}`"),
            ResolveError::Arch(e) => write!(f, "model architecture: {e}"),
            ResolveError::OutOfRange { field, value } => {
                write!(f, "{field} = {value} is out of range")
            }
        }
    }
}

impl core::error::Error for ResolveError {}

fn out_of_range(field: &'static str, value: impl fmt::Display) -> ResolveError {
    ResolveError::OutOfRange {
        field,
        value: format!("{value}"),
    }
}

/// Resolves `inputs` against the model, GPU and quantization catalogs.
pub fn resolve(inputs: &Inputs) -> Result<Scenario, ResolveError> {
    let model = match &inputs.model {
        ModelRef::Catalog(id) => catalog::model(id),
        ModelRef::HfRepo(repo) => catalog::model_by_hf(repo),
    }
    .ok_or_else(|| {
        ResolveError::UnknownModel(match &inputs.model {
            ModelRef::Catalog(s) | ModelRef::HfRepo(s) => s.clone(),
        })
    })?;
    let arch = Arch::from_hf(&model.config).map_err(ResolveError::Arch)?;
    let mmproj = if inputs.multimodal {
        model.mmproj_bytes.unwrap_or(0)
    } else {
        0
    };
    let mut s = resolve_with_arch(inputs, arch, mmproj)?;
    s.mmproj_unknown = inputs.multimodal && model.projector_size_unknown();
    Ok(s)
}

/// Resolves everything but the model, for an [`Arch`] obtained elsewhere
/// (an imported config.json or a GGUF header).
pub fn resolve_with_arch(
    inputs: &Inputs,
    arch: Arch,
    mmproj_bytes: u64,
) -> Result<Scenario, ResolveError> {
    let choice = QuantChoice::parse(&inputs.quant)
        .map_err(|_| ResolveError::UnknownQuant(String::from(inputs.quant.trim())))?;
    let weights = plan_weights(&arch, &choice);
    resolve_with_weights(inputs, arch, weights, mmproj_bytes)
}

/// Resolves the runtime and hardware choices around a given weight plan.
pub fn resolve_with_weights(
    inputs: &Inputs,
    arch: Arch,
    weights: WeightPlan,
    mmproj_bytes: u64,
) -> Result<Scenario, ResolveError> {
    let (gpus, host) = settings(inputs)?;
    let mut s = Scenario::new(arch, weights, gpus, host);
    apply_settings(&mut s, inputs, mmproj_bytes);
    Ok(s)
}

/// Checks the non-model inputs and resolves the hardware: the devices every
/// scenario of these inputs gets, whatever the model.
pub(crate) fn settings(inputs: &Inputs) -> Result<(Vec<DeviceSpec>, DeviceSpec), ResolveError> {
    check_ctx(inputs.ctx)?;
    if inputs.parallel == 0 || inputs.parallel > MAX_PARALLEL {
        return Err(out_of_range("parallel", inputs.parallel));
    }
    if inputs.ubatch == 0 || inputs.ubatch > MAX_UBATCH {
        return Err(out_of_range("ubatch", inputs.ubatch));
    }
    if let Some(u) = inputs.gpu_memory_utilization {
        if !(u > 0.0 && u <= 1.0) {
            return Err(out_of_range("gpu_memory_utilization", u));
        }
    }
    hardware(inputs)
}

/// The context is within `1..=MAX_CTX`.
pub(crate) fn check_ctx(ctx: u64) -> Result<(), ResolveError> {
    if ctx == 0 || ctx > MAX_CTX {
        return Err(out_of_range("ctx", ctx));
    }
    Ok(())
}

/// Sets the runtime and per-run choices of `inputs` on `s` (devices aside),
/// exactly as [`resolve_with_weights`] does.
pub(crate) fn apply_settings(s: &mut Scenario, inputs: &Inputs, mmproj_bytes: u64) {
    s.set_runtime(inputs.runtime);
    s.ctx = inputs.ctx;
    s.parallel = inputs.parallel;
    s.kv_unified = inputs.kv_unified;
    s.kv_type_k = inputs.kv_type_k;
    s.kv_type_v = inputs.kv_type_v;
    s.flash_attn = runtime::resolve_flash_attn(inputs.flash_attn);
    s.flash_attn_auto = inputs.flash_attn == crate::inputs::FlashAttn::Auto;
    s.ubatch = inputs.ubatch;
    s.ngl = inputs.ngl;
    s.n_cpu_moe = inputs.n_cpu_moe;
    s.mmproj_bytes = mmproj_bytes;
    s.gpu_memory_utilization = inputs.gpu_memory_utilization;
}

fn gib_bytes(field: &'static str, gib: f64) -> Result<u64, ResolveError> {
    if gib.is_finite() && gib > 0.0 && gib <= MAX_GIB {
        Ok((gib * GIB as f64) as u64)
    } else {
        Err(out_of_range(field, gib))
    }
}

/// GPUs and the host device from the hardware inputs.
fn hardware(inputs: &Inputs) -> Result<(Vec<DeviceSpec>, DeviceSpec), ResolveError> {
    let hw = &inputs.hardware;
    let mut gpus = Vec::new();
    let mut cpu_row: Option<DeviceSpec> = None;
    let mut n_total: u32 = 0;
    for (id, count) in &hw.gpus {
        let row = catalog::gpu(id).ok_or_else(|| ResolveError::UnknownGpu(id.clone()))?;
        n_total = n_total.saturating_add(*count);
        if n_total > MAX_GPUS {
            return Err(out_of_range("GPU count", n_total));
        }
        if row.kind == DeviceKind::Cpu {
            cpu_row = Some(row.device_spec());
        } else {
            gpus.extend(row.device_specs(*count));
        }
    }
    if gpus.is_empty() {
        if let Some(v) = hw.vram_gib {
            let bytes = gib_bytes("vram_gib", v)?;
            gpus.push(DeviceSpec {
                name: "Custom GPU".into(),
                kind: DeviceKind::Gpu,
                backend: Backend::Cuda,
                capacity_bytes: bytes,
                gpu_limit_bytes: bytes,
                bandwidth_gb_per_s: CUSTOM_GPU_GB_PER_S,
                fp16_tflops: CUSTOM_GPU_TFLOPS,
            });
        }
    }
    if let Some(limit) = hw.gpu_limit_gib {
        let bytes = gib_bytes("gpu_limit_gib", limit)?;
        for g in gpus.iter_mut().filter(|g| g.kind == DeviceKind::Unified) {
            g.gpu_limit_bytes = bytes.min(g.capacity_bytes);
        }
    }
    let unified = gpus.iter().find(|g| g.kind == DeviceKind::Unified).cloned();
    let ram_bytes = match hw.ram_gib {
        Some(r) => gib_bytes("ram_gib", r)?,
        None => match (&unified, &cpu_row) {
            (Some(u), _) => u.capacity_bytes,
            (None, Some(c)) => c.capacity_bytes,
            (None, None) => DEFAULT_RAM_GIB * GIB,
        },
    };
    let host = match (unified, cpu_row) {
        (Some(u), _) => host_device(
            "RAM (shared)",
            ram_bytes,
            u.bandwidth_gb_per_s,
            DEFAULT_CPU_TFLOPS,
        ),
        (None, Some(mut c)) => {
            c.capacity_bytes = ram_bytes;
            c.gpu_limit_bytes = ram_bytes;
            c
        }
        (None, None) => host_device(
            "System RAM",
            ram_bytes,
            DEFAULT_RAM_GB_PER_S,
            DEFAULT_CPU_TFLOPS,
        ),
    };
    Ok((gpus, host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::{HardwareInputs, KvType};

    fn base() -> Inputs {
        Inputs::default()
    }

    #[test]
    fn default_inputs_resolve() {
        let s = match resolve(&base()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(s.gpus.len(), 1);
        assert_eq!(s.host.capacity_bytes, DEFAULT_RAM_GIB * GIB);
        assert!(s.flash_attn && s.flash_attn_auto);
        assert!(s.weights.loaded_bytes() > 0);
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let mut i = base();
        i.model = ModelRef::Catalog(String::from("no-such-model"));
        assert_eq!(
            resolve(&i).err(),
            Some(ResolveError::UnknownModel(String::from("no-such-model")))
        );
        let mut i = base();
        i.quant = String::from("Q9_Z");
        assert!(matches!(resolve(&i), Err(ResolveError::UnknownQuant(_))));
        let mut i = base();
        i.ctx = 0;
        assert!(matches!(
            resolve(&i),
            Err(ResolveError::OutOfRange { field: "ctx", .. })
        ));
        let mut i = base();
        i.hardware = HardwareInputs {
            gpus: Vec::new(),
            vram_gib: Some(f64::NAN),
            ram_gib: None,
            gpu_limit_gib: None,
        };
        assert!(matches!(resolve(&i), Err(ResolveError::OutOfRange { .. })));
        let mut i = base();
        i.hardware.gpus = alloc::vec![(String::from("rtx-4090"), u32::MAX)];
        assert!(matches!(resolve(&i), Err(ResolveError::OutOfRange { .. })));
        let mut i = base();
        i.kv_type_k = KvType::Q8_0;
        i.hardware.gpus = alloc::vec![(String::from("no-gpu"), 1)];
        assert_eq!(
            resolve(&i)
                .err()
                .map(|e| alloc::string::ToString::to_string(&e)),
            Some(String::from("unknown GPU `no-gpu`"))
        );
    }
}
