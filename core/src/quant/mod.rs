//! Quantization choices and the weight planner.
//!
//! [`FileType`] is every llama-quantize ftype; [`QuantChoice`] is what a
//! user picks (a llama-quantize type, an Unsloth dynamic mix, or a non-GGUF
//! format from [`crate::formats`]); [`plan_weights`] turns an [`Arch`] and a
//! choice into a [`WeightPlan`] by walking the tensor inventory once, with
//! no per-tensor allocation.

mod gguf_plan;
mod rules;
mod unsloth;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::arch::{Arch, Ffn};
use crate::formats::Format;
use crate::ggml::GgmlType;
use crate::tensors::{
    count_tensors_in, for_each_outer_tensor, for_each_tensor, BlockLayouts, KindSet, Tensor,
    TensorKind, NO_BLOCK,
};
use crate::weights::{Confidence, LayerWeights, WeightPlan};

pub use gguf_plan::plan_from_gguf;
pub use rules::{fallback, is_quantizable, source_type, use_more_bits, Rules};

/// A llama-quantize file type (`general.file_type`).
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileType {
    /// All F32.
    F32,
    /// Mostly F16.
    F16,
    /// Mostly BF16.
    BF16,
    /// Q8_0.
    Q8_0,
    /// Q6_K.
    Q6_K,
    /// Q5_K_M.
    Q5_K_M,
    /// Q5_K_S.
    Q5_K_S,
    /// Q5_1.
    Q5_1,
    /// Q5_0.
    Q5_0,
    /// Q4_K_M.
    Q4_K_M,
    /// Q4_K_S.
    Q4_K_S,
    /// Q4_1.
    Q4_1,
    /// Q4_0.
    Q4_0,
    /// IQ4_NL.
    IQ4_NL,
    /// IQ4_XS.
    IQ4_XS,
    /// Q3_K_L.
    Q3_K_L,
    /// Q3_K_M.
    Q3_K_M,
    /// Q3_K_S.
    Q3_K_S,
    /// IQ3_M.
    IQ3_M,
    /// IQ3_S.
    IQ3_S,
    /// IQ3_XS.
    IQ3_XS,
    /// IQ3_XXS.
    IQ3_XXS,
    /// Q2_K.
    Q2_K,
    /// Q2_K_S.
    Q2_K_S,
    /// IQ2_M.
    IQ2_M,
    /// IQ2_S.
    IQ2_S,
    /// IQ2_XS.
    IQ2_XS,
    /// IQ2_XXS.
    IQ2_XXS,
    /// IQ1_M.
    IQ1_M,
    /// IQ1_S.
    IQ1_S,
    /// TQ1_0 (ternary).
    TQ1_0,
    /// TQ2_0 (ternary).
    TQ2_0,
    /// MXFP4 experts, Q8_0 elsewhere.
    MXFP4_MOE,
}

/// (ftype, llama-quantize name, `LLAMA_FTYPE` value, default tensor type), sizing-facts §2.1.
#[rustfmt::skip]
const FILE_TYPES: [(FileType, &str, u32, GgmlType); 33] = [
    (FileType::F32, "F32", 0, GgmlType::F32),
    (FileType::F16, "F16", 1, GgmlType::F16),
    (FileType::Q4_0, "Q4_0", 2, GgmlType::Q4_0),
    (FileType::Q4_1, "Q4_1", 3, GgmlType::Q4_1),
    (FileType::Q8_0, "Q8_0", 7, GgmlType::Q8_0),
    (FileType::Q5_0, "Q5_0", 8, GgmlType::Q5_0),
    (FileType::Q5_1, "Q5_1", 9, GgmlType::Q5_1),
    (FileType::Q2_K, "Q2_K", 10, GgmlType::Q2_K),
    (FileType::Q3_K_S, "Q3_K_S", 11, GgmlType::Q3_K),
    (FileType::Q3_K_M, "Q3_K_M", 12, GgmlType::Q3_K),
    (FileType::Q3_K_L, "Q3_K_L", 13, GgmlType::Q3_K),
    (FileType::Q4_K_S, "Q4_K_S", 14, GgmlType::Q4_K),
    (FileType::Q4_K_M, "Q4_K_M", 15, GgmlType::Q4_K),
    (FileType::Q5_K_S, "Q5_K_S", 16, GgmlType::Q5_K),
    (FileType::Q5_K_M, "Q5_K_M", 17, GgmlType::Q5_K),
    (FileType::Q6_K, "Q6_K", 18, GgmlType::Q6_K),
    (FileType::IQ2_XXS, "IQ2_XXS", 19, GgmlType::IQ2_XXS),
    (FileType::IQ2_XS, "IQ2_XS", 20, GgmlType::IQ2_XS),
    (FileType::Q2_K_S, "Q2_K_S", 21, GgmlType::Q2_K),
    (FileType::IQ3_XS, "IQ3_XS", 22, GgmlType::IQ3_S),
    (FileType::IQ3_XXS, "IQ3_XXS", 23, GgmlType::IQ3_XXS),
    (FileType::IQ1_S, "IQ1_S", 24, GgmlType::IQ1_S),
    (FileType::IQ4_NL, "IQ4_NL", 25, GgmlType::IQ4_NL),
    (FileType::IQ3_S, "IQ3_S", 26, GgmlType::IQ3_S),
    (FileType::IQ3_M, "IQ3_M", 27, GgmlType::IQ3_S),
    (FileType::IQ2_S, "IQ2_S", 28, GgmlType::IQ2_XS),
    (FileType::IQ2_M, "IQ2_M", 29, GgmlType::IQ2_S),
    (FileType::IQ4_XS, "IQ4_XS", 30, GgmlType::IQ4_XS),
    (FileType::IQ1_M, "IQ1_M", 31, GgmlType::IQ1_M),
    (FileType::BF16, "BF16", 32, GgmlType::BF16),
    (FileType::TQ1_0, "TQ1_0", 36, GgmlType::TQ1_0),
    (FileType::TQ2_0, "TQ2_0", 37, GgmlType::TQ2_0),
    (FileType::MXFP4_MOE, "MXFP4_MOE", 38, GgmlType::MXFP4),
];

impl FileType {
    fn row(self) -> &'static (FileType, &'static str, u32, GgmlType) {
        // Every variant has a row; the fallback is never used.
        FILE_TYPES
            .iter()
            .find(|r| r.0 == self)
            .unwrap_or(&FILE_TYPES[0])
    }

    /// Every file type.
    pub fn all() -> impl Iterator<Item = FileType> {
        FILE_TYPES.iter().map(|r| r.0)
    }

    /// The llama-quantize name (`"Q4_K_M"`).
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The `LLAMA_FTYPE_*` value stored as `general.file_type`.
    pub fn id(self) -> u32 {
        self.row().2
    }

    /// The tensor type of ordinary quantizable tensors.
    pub fn default_type(self) -> GgmlType {
        self.row().3
    }

    /// The file type with this `general.file_type` value.
    pub fn from_id(id: u32) -> Option<FileType> {
        FILE_TYPES.iter().find(|r| r.2 == id).map(|r| r.0)
    }

    /// Parse a llama-quantize name, ASCII case-insensitive; `Q3_K`, `Q4_K`
    /// and `Q5_K` mean their `_M` variants as in llama-quantize.
    pub fn from_name(name: &str) -> Option<FileType> {
        let alias = match name.to_ascii_uppercase().as_str() {
            "Q3_K" => Some(FileType::Q3_K_M),
            "Q4_K" => Some(FileType::Q4_K_M),
            "Q5_K" => Some(FileType::Q5_K_M),
            "FP16" => Some(FileType::F16),
            _ => None,
        };
        alias.or_else(|| {
            FILE_TYPES
                .iter()
                .find(|r| r.1.eq_ignore_ascii_case(name))
                .map(|r| r.0)
        })
    }
}

/// Which version of llama-quantize's rules (sizing-facts §2.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RulesEra {
    /// Before the late-March-2026 category refactor (`0beb8db` and older):
    /// `attn_qkv` has its own rule, the attn_v counter counts `attn_v` only.
    Pre2026_03,
    /// b8308 and later.
    #[default]
    Current,
}

/// Options of a llama-quantize run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GgufOptions {
    /// Rule version.
    pub era: RulesEra,
    /// An importance matrix was used (changes IQ3_XXS, IQ4_NL/XS, Q4_0/Q5_0
    /// choices). Default on: the common GGUF publishers quantize with one.
    pub imatrix: bool,
}

impl Default for GgufOptions {
    fn default() -> Self {
        GgufOptions {
            era: RulesEra::Current,
            imatrix: true,
        }
    }
}

/// What the user picked as the weight format.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum QuantChoice {
    /// A standard llama-quantize type.
    Gguf {
        /// File type.
        ftype: FileType,
        /// Rule options.
        options: GgufOptions,
    },
    /// An Unsloth dynamic ("UD-") mix on top of a base file type.
    Unsloth {
        /// The base file type the mix starts from.
        base: FileType,
        /// `_XL` variant (more tensors upgraded).
        xl: bool,
    },
    /// A non-GGUF format (safetensors FP8/AWQ/GPTQ/NF4, MLX, EXL2/3).
    Format(Format),
}

/// A quantization name that is not recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantParseError(pub String);

impl core::fmt::Display for QuantParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "unknown quantization `{}` (expected e.g. Q4_K_M, UD-Q4_K_XL, FP8, AWQ, GPTQ, NF4, MLX-4bit, EXL2-4.5, BF16)",
            self.0
        )
    }
}

impl core::error::Error for QuantParseError {}

impl QuantChoice {
    /// Parse a user-facing name (`Q4_K_M`, `UD-Q4_K_XL`, `FP8`, `MLX-4bit`, `EXL2-4.5`...).
    pub fn parse(s: &str) -> Result<QuantChoice, QuantParseError> {
        let t = s.trim();
        let err = || QuantParseError(String::from(t));
        if t.is_empty() || t.len() > 32 {
            return Err(err());
        }
        if let Some(rest) = t
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("UD-"))
            .and(t.get(3..))
        {
            return unsloth::parse(rest).ok_or_else(err);
        }
        if let Some(ftype) = FileType::from_name(t) {
            return Ok(QuantChoice::Gguf {
                ftype,
                options: GgufOptions::default(),
            });
        }
        Format::parse(t).map(QuantChoice::Format).ok_or_else(err)
    }

    /// How sure a plan for this choice is.
    pub fn confidence(&self) -> Confidence {
        match self {
            QuantChoice::Gguf { .. } => Confidence::Estimated,
            QuantChoice::Unsloth { .. } => Confidence::Approximate,
            QuantChoice::Format(f) => f.confidence(),
        }
    }
}

/// Plan the weights of `arch` stored as `choice`.
pub fn plan_weights(arch: &Arch, choice: &QuantChoice) -> WeightPlan {
    match choice {
        QuantChoice::Gguf { ftype, options } => plan_gguf(arch, *ftype, *options),
        QuantChoice::Unsloth { base, xl } => unsloth::plan(arch, *base, *xl),
        QuantChoice::Format(f) => crate::formats::plan(arch, f),
    }
}

/// The rules for `arch` at `ftype`, counters at zero.
fn rules_for(arch: &Arch, ftype: FileType, options: GgufOptions) -> Rules {
    rules_with(arch, &BlockLayouts::new(arch), ftype, options)
}

/// [`rules_for`], with the block layouts of `arch` at hand.
fn rules_with(arch: &Arch, layouts: &BlockLayouts, ftype: FileType, options: GgufOptions) -> Rules {
    let n_wv = count_tensors_in(arch, layouts, Rules::is_attn_v_like);
    Rules::new(arch, ftype, options, n_wv)
}

/// Call `f` with every tensor of `arch` and the type llama-quantize gives it
/// at `ftype`, in weights-map order (the tensor table of the predicted file).
pub fn for_each_tensor_type(
    arch: &Arch,
    ftype: FileType,
    options: GgufOptions,
    mut f: impl FnMut(&Tensor, GgmlType),
) {
    let mut rules = rules_for(arch, ftype, options);
    for_each_tensor(arch, |t| f(t, rules.tensor_type(t)));
}

/// Plan a standard llama-quantize file.
pub fn plan_gguf(arch: &Arch, ftype: FileType, options: GgufOptions) -> WeightPlan {
    let layouts = BlockLayouts::new(arch);
    let mut rules = rules_with(arch, &layouts, ftype, options);
    let stateless = rules.stateless();
    let mut plan = plan_with(arch, &layouts, stateless, |t| {
        rules.tensor_type(t).tensor_bytes(t.ne[0], t.n_rows())
    });
    plan.confidence = Confidence::Estimated;
    plan
}

/// GGUF tensor data alignment (`general.alignment` default).
pub const GGUF_ALIGNMENT: u64 = 32;

fn pad(n: u64, align: u64) -> u64 {
    n.div_ceil(align).saturating_mul(align)
}

/// Estimated GGUF metadata bytes (header, KVs, tensor infos).
///
/// This is an estimate, not a count: the tokenizer arrays dominate and scale
/// with the vocabulary (token strings ≈ 8 + 7 bytes, token types 4, scores
/// or BPE merges ≈ 4–20 bytes per entry), so 32 bytes per vocabulary entry
/// plus 32 KiB for the other keys and chat template. Tensor infos are exact
/// given the names (`name_bytes` is the sum of name lengths).
pub fn metadata_estimate(n_vocab: u64, n_tensors: u64, name_bytes: u64) -> u64 {
    let header = 4 + 4 + 8 + 8;
    let kv = n_vocab.saturating_mul(32).saturating_add(32 * 1024);
    // name (u64 len + bytes), n_dims u32, up to 3 dims × u64 (avg ~2.2), type i32, offset u64.
    let infos = n_tensors
        .saturating_mul(8 + 4 + 18 + 4 + 8)
        .saturating_add(name_bytes);
    header + kv + infos
}

fn name_len(t: &Tensor) -> u64 {
    let suffix = t.kind.suffix().len() as u64;
    if t.block == NO_BLOCK {
        return suffix;
    }
    suffix + block_prefix_len(t.block)
}

/// Length of `blk.{block}.`.
fn block_prefix_len(block: u32) -> u64 {
    let mut digits = 1;
    let mut b = block / 10;
    while b > 0 {
        digits += 1;
        b /= 10;
    }
    5 + digits
}

/// Sums of a block's tensors, as they go into its [`LayerWeights`] and the file.
#[derive(Clone, Copy, Default)]
struct BlockSums {
    layer: LayerWeights,
    /// Tensor data, each tensor padded to [`GGUF_ALIGNMENT`].
    data: u64,
}

impl BlockSums {
    /// Adds one tensor of a block whose routed experts are `n_used` of `n_expert`.
    fn add(&mut self, kind: TensorKind, params: u64, bytes: u64, experts: Option<(u64, u64)>) {
        let lw = &mut self.layer;
        let (mut act_b, mut act_p) = (bytes, params);
        if kind.is_routed_expert() {
            lw.expert_bytes = lw.expert_bytes.saturating_add(bytes);
            if let Some((used, n)) = experts {
                act_b = mul_div(bytes, used, n);
                act_p = mul_div(params, used, n);
            }
        }
        lw.bytes = lw.bytes.saturating_add(bytes);
        lw.params = lw.params.saturating_add(params);
        lw.active_bytes = lw.active_bytes.saturating_add(act_b);
        lw.active_params = lw.active_params.saturating_add(act_p);
        self.data = self.data.saturating_add(pad(bytes, GGUF_ALIGNMENT));
    }
}

/// Walk the inventory with a per-tensor byte function and fill a plan.
///
/// `bytes_of` must give the same bytes for two tensors of one kind and shape
/// when the kind is in `stateless`; the tensors of those kinds are then
/// sized once per block layout. The other tensors are passed in
/// weights-map order, each once, so `bytes_of` may keep counters over them.
pub(crate) fn plan_with(
    arch: &Arch,
    layouts: &BlockLayouts,
    stateless: KindSet,
    mut bytes_of: impl FnMut(&Tensor) -> u64,
) -> WeightPlan {
    let mut plan = WeightPlan {
        layers: vec![LayerWeights::default(); arch.layers.len()],
        ..WeightPlan::default()
    };
    let mut file = FileSums::default();

    // The non-block tensors come first in the walk; the MTP blocks last.
    let mut nextn: Vec<Tensor> = Vec::new();
    for_each_outer_tensor(
        arch,
        |t| {
            let bytes = bytes_of(t);
            file.add_outer(&mut plan, t, bytes);
        },
        |t| nextn.push(*t),
    );

    // Main blocks: the stateless tensors of a layout are sized once.
    let mut fixed: Vec<Option<(BlockSums, u64)>> = vec![None; layouts.len()];
    for ((il, &k), lw) in layouts.layout_of().iter().enumerate().zip(&mut plan.layers) {
        let block = il as u32;
        let tensors = layouts.tensors(k);
        let experts = match arch.layers.get(il).map(|l| l.ffn) {
            Some(Ffn::Moe(m)) if m.n_expert > 0 => Some((m.n_expert_used, m.n_expert)),
            _ => None,
        };
        let Some(slot) = fixed.get_mut(usize::from(k)) else {
            continue;
        };
        let (mut sums, suffixes) = *slot.get_or_insert_with(|| {
            let mut sums = BlockSums::default();
            let mut suffixes = 0u64;
            for &(kind, ne) in tensors {
                suffixes += kind.suffix().len() as u64;
                if stateless.contains(kind) {
                    let t = Tensor { kind, block, ne };
                    sums.add(kind, t.n_elements(), bytes_of(&t), experts);
                }
            }
            (sums, suffixes)
        });
        for &(kind, ne) in tensors.iter().filter(|(k, _)| !stateless.contains(*k)) {
            let t = Tensor { kind, block, ne };
            sums.add(kind, t.n_elements(), bytes_of(&t), experts);
        }
        *lw = sums.layer;
        let n = tensors.len() as u64;
        file.data = file.data.saturating_add(sums.data);
        file.n_tensors += n;
        file.name_bytes += suffixes + n * block_prefix_len(block);
        plan.params = plan.params.saturating_add(sums.layer.params);
        plan.active_params = plan.active_params.saturating_add(sums.layer.active_params);
    }

    for t in &nextn {
        let bytes = bytes_of(t);
        file.add_outer(&mut plan, t, bytes);
    }
    if arch.tied_embeddings {
        plan.output_bytes = plan.token_embd_bytes;
    }
    plan.file_bytes = pad(
        metadata_estimate(arch.n_vocab, file.n_tensors, file.name_bytes),
        GGUF_ALIGNMENT,
    )
    .saturating_add(file.data);
    plan
}

/// What the file's size depends on beyond the tensors' bytes.
#[derive(Default)]
struct FileSums {
    /// Tensor data, each tensor padded to [`GGUF_ALIGNMENT`].
    data: u64,
    n_tensors: u64,
    /// Sum of the tensor names' lengths.
    name_bytes: u64,
}

impl FileSums {
    /// Adds a non-block or MTP-block tensor of `bytes` to the file and `plan`.
    fn add_outer(&mut self, plan: &mut WeightPlan, t: &Tensor, bytes: u64) {
        self.data = self.data.saturating_add(pad(bytes, GGUF_ALIGNMENT));
        self.n_tensors += 1;
        self.name_bytes += name_len(t);
        let params = t.n_elements();
        plan.params = plan.params.saturating_add(params);
        if t.block == NO_BLOCK {
            let part = match t.kind {
                TensorKind::TokenEmbd => &mut plan.token_embd_bytes,
                TensorKind::PerLayerTokenEmbd => &mut plan.per_layer_embd_bytes,
                TensorKind::Output => &mut plan.output_bytes,
                _ => &mut plan.other_bytes,
            };
            *part = part.saturating_add(bytes);
            plan.active_params = plan.active_params.saturating_add(params);
        } else {
            plan.nextn_bytes = plan.nextn_bytes.saturating_add(bytes);
        }
    }
}

fn mul_div(a: u64, b: u64, c: u64) -> u64 {
    (u128::from(a) * u128::from(b) / u128::from(c.max(1))) as u64
}

#[cfg(test)]
mod tests {
    use super::{rules_for, FileType, GgufOptions, RulesEra};
    use crate::arch::Ffn;
    use crate::tensors::{count_tensors, for_each_tensor, TensorKind, NO_BLOCK};
    use crate::weights::LayerWeights;

    /// A plan made the plain way: every tensor in weights-map order, each
    /// sized by `bytes_of`, nothing grouped. Compared with `plan` in full:
    /// every block's bytes, expert bytes, active bytes and parameters, the
    /// non-block parts, the parameter count and (when `file` is set) the
    /// GGUF file size from the rendered tensor names.
    fn check_against_walk(
        arch: &crate::arch::Arch,
        plan: &super::WeightPlan,
        file: bool,
        what: &str,
        mut bytes_of: impl FnMut(&crate::tensors::Tensor) -> u64,
    ) {
        let mut layers = alloc::vec![LayerWeights::default(); arch.layers.len()];
        let (mut outer, mut params) = (0u64, 0u64);
        let (mut data, mut n_tensors, mut name_bytes) = (0u64, 0u64, 0u64);
        for_each_tensor(arch, |t| {
            let bytes = bytes_of(t);
            params += t.n_elements();
            data += bytes.div_ceil(32) * 32;
            n_tensors += 1;
            name_bytes += t.name().len() as u64;
            let ffn = arch.layers.get(t.block as usize).map(|l| l.ffn);
            match layers.get_mut(t.block as usize) {
                Some(lw) if t.block != NO_BLOCK => {
                    lw.bytes += bytes;
                    lw.params += t.n_elements();
                    // Routed experts: n_expert_used of n_expert are read.
                    let (used, of) = match ffn {
                        Some(Ffn::Moe(m)) if t.kind.is_routed_expert() => {
                            lw.expert_bytes += bytes;
                            match m.n_expert {
                                0 => (1, 1),
                                n => (m.n_expert_used, n),
                            }
                        }
                        _ => (1, 1),
                    };
                    let share = |x: u64| (u128::from(x) * u128::from(used) / u128::from(of)) as u64;
                    lw.active_bytes += share(bytes);
                    lw.active_params += share(t.n_elements());
                }
                _ => outer += bytes,
            }
        });
        for (il, (got, want)) in plan.layers.iter().zip(&layers).enumerate() {
            assert_eq!(got, want, "{what} block {il}");
        }
        let planned_outer = plan.stored_bytes(arch.tied_embeddings) - plan.block_bytes();
        assert_eq!(planned_outer, outer, "{what}");
        assert_eq!(plan.params, params, "{what}");
        if file {
            let meta = super::metadata_estimate(arch.n_vocab, n_tensors, name_bytes);
            assert_eq!(plan.file_bytes, meta.div_ceil(32) * 32 + data, "{what}");
        }
    }

    fn catalog_archs() -> impl Iterator<Item = (&'static str, crate::arch::Arch)> {
        crate::catalog::models()
            .filter_map(|m| Some((m.id, crate::arch::Arch::from_hf(&m.config).ok()?)))
    }

    /// The planner sizes the stateless tensors once per block layout and
    /// trusts [`super::Rules::stateless`]. Walking every tensor in order
    /// with every rule applied (no cache, no grouping) must give the same
    /// plan, at every file type and rule option.
    #[test]
    fn grouped_plan_matches_a_tensor_by_tensor_walk() {
        let options = [
            GgufOptions::default(),
            GgufOptions {
                era: RulesEra::Pre2026_03,
                imatrix: false,
            },
        ];
        for (id, arch) in catalog_archs() {
            for ft in FileType::all() {
                for opt in options {
                    let plan = super::plan_gguf(&arch, ft, opt);
                    let mut rules = rules_for(&arch, ft, opt);
                    let what = alloc::format!("{id} {} {opt:?}", ft.name());
                    check_against_walk(&arch, &plan, true, &what, |t| {
                        rules.decide(t).tensor_bytes(t.ne[0], t.n_rows())
                    });
                }
            }
        }
    }

    /// The same for Unsloth mixes (scaled quantized tensors) and the
    /// non-GGUF formats (every tensor stateless).
    #[test]
    fn unsloth_and_format_plans_match_a_tensor_by_tensor_walk() {
        use crate::formats::Format;
        let formats = [
            Format::Fp8,
            Format::Awq,
            Format::Gptq,
            Format::Nf4,
            Format::Mlx { bits: 4 },
            Format::Exl2 { centi_bpw: 450 },
            Format::Safetensors16,
        ];
        for (id, arch) in catalog_archs() {
            for (base, xl) in [(FileType::Q4_K_M, true), (FileType::Q2_K, false)] {
                let plan = super::unsloth::plan(&arch, base, xl);
                let k = super::unsloth::factor(base, xl, arch.n_expert() > 1);
                let mut rules = rules_for(&arch, base, GgufOptions::default());
                let what = alloc::format!("{id} UD {} xl={xl}", base.name());
                check_against_walk(&arch, &plan, true, &what, |t| {
                    super::unsloth::scaled_bytes(rules.decide(t), t, k)
                });
            }
            for f in formats {
                let plan = crate::formats::plan(&arch, &f);
                let what = alloc::format!("{id} {f:?}");
                check_against_walk(&arch, &plan, false, &what, |t| {
                    crate::formats::tensor_bytes(f, t)
                });
            }
        }
    }

    #[test]
    fn counting_by_block_kind_matches_listing() {
        let preds: [fn(TensorKind) -> bool; 3] = [
            super::rules::Rules::is_attn_v_like,
            |k| k.is_routed_expert(),
            |_| true,
        ];
        for model in crate::catalog::models() {
            let Ok(arch) = crate::arch::Arch::from_hf(&model.config) else {
                continue;
            };
            for pred in preds {
                let mut listed = 0u64;
                for_each_tensor(&arch, |t| listed += u64::from(pred(t.kind)));
                assert_eq!(count_tensors(&arch, pred), listed, "{}", model.id);
            }
        }
    }
}
