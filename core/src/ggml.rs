//! ggml tensor types: GGUF id, block size, bytes per block.
//!
//! Values from ggml's `type_traits[]` table and the block layouts in
//! `ggml-common.h` (sizing-facts §1). A tensor row of `ne0` elements takes
//! `ne0 / block_size × bytes_per_block` bytes; `ne0` must be a multiple of
//! the block size.

/// A ggml tensor element type, as stored in GGUF tensor-info records.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GgmlType {
    /// 32-bit float.
    F32,
    /// 16-bit float.
    F16,
    /// bfloat16.
    BF16,
    /// 64-bit float.
    F64,
    /// 8-bit integer.
    I8,
    /// 16-bit integer.
    I16,
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 4-bit, blocks of 32, one f16 scale.
    Q4_0,
    /// 4-bit, blocks of 32, scale and min.
    Q4_1,
    /// 5-bit, blocks of 32, one scale.
    Q5_0,
    /// 5-bit, blocks of 32, scale and min.
    Q5_1,
    /// 8-bit, blocks of 32, one scale.
    Q8_0,
    /// 8-bit, blocks of 32, scale and sum (intermediate only).
    Q8_1,
    /// 2-bit K-quant (super-blocks of 256).
    Q2_K,
    /// 3-bit K-quant.
    Q3_K,
    /// 4-bit K-quant.
    Q4_K,
    /// 5-bit K-quant.
    Q5_K,
    /// 6-bit K-quant.
    Q6_K,
    /// 8-bit K-quant (intermediate only).
    Q8_K,
    /// 2.06-bit i-quant.
    IQ2_XXS,
    /// 2.31-bit i-quant.
    IQ2_XS,
    /// 3.06-bit i-quant.
    IQ3_XXS,
    /// 1.56-bit i-quant.
    IQ1_S,
    /// 4.5-bit non-linear, blocks of 32.
    IQ4_NL,
    /// 3.44-bit i-quant.
    IQ3_S,
    /// 2.56-bit i-quant.
    IQ2_S,
    /// 4.25-bit non-linear, super-blocks of 256.
    IQ4_XS,
    /// 1.75-bit i-quant.
    IQ1_M,
    /// Ternary 1.69-bit.
    TQ1_0,
    /// Ternary 2.06-bit.
    TQ2_0,
    /// Microscaling FP4 (E2M1 with an E8M0 scale per 32).
    MXFP4,
    /// NVIDIA FP4 (UE4M3 scale per 16).
    NVFP4,
    /// 1-bit, blocks of 128.
    Q1_0,
    /// 2-bit, blocks of 64.
    Q2_0,
}

/// (type, GGUF id, weights per block, bytes per block, name), sizing-facts §1.
#[rustfmt::skip]
const TABLE: [(GgmlType, u32, u32, u32, &str); 35] = [
    (GgmlType::F32, 0, 1, 4, "F32"),
    (GgmlType::F16, 1, 1, 2, "F16"),
    (GgmlType::Q4_0, 2, 32, 18, "Q4_0"),
    (GgmlType::Q4_1, 3, 32, 20, "Q4_1"),
    (GgmlType::Q5_0, 6, 32, 22, "Q5_0"),
    (GgmlType::Q5_1, 7, 32, 24, "Q5_1"),
    (GgmlType::Q8_0, 8, 32, 34, "Q8_0"),
    (GgmlType::Q8_1, 9, 32, 36, "Q8_1"),
    (GgmlType::Q2_K, 10, 256, 84, "Q2_K"),
    (GgmlType::Q3_K, 11, 256, 110, "Q3_K"),
    (GgmlType::Q4_K, 12, 256, 144, "Q4_K"),
    (GgmlType::Q5_K, 13, 256, 176, "Q5_K"),
    (GgmlType::Q6_K, 14, 256, 210, "Q6_K"),
    (GgmlType::Q8_K, 15, 256, 292, "Q8_K"),
    (GgmlType::IQ2_XXS, 16, 256, 66, "IQ2_XXS"),
    (GgmlType::IQ2_XS, 17, 256, 74, "IQ2_XS"),
    (GgmlType::IQ3_XXS, 18, 256, 98, "IQ3_XXS"),
    (GgmlType::IQ1_S, 19, 256, 50, "IQ1_S"),
    (GgmlType::IQ4_NL, 20, 32, 18, "IQ4_NL"),
    (GgmlType::IQ3_S, 21, 256, 110, "IQ3_S"),
    (GgmlType::IQ2_S, 22, 256, 82, "IQ2_S"),
    (GgmlType::IQ4_XS, 23, 256, 136, "IQ4_XS"),
    (GgmlType::I8, 24, 1, 1, "I8"),
    (GgmlType::I16, 25, 1, 2, "I16"),
    (GgmlType::I32, 26, 1, 4, "I32"),
    (GgmlType::I64, 27, 1, 8, "I64"),
    (GgmlType::F64, 28, 1, 8, "F64"),
    (GgmlType::IQ1_M, 29, 256, 56, "IQ1_M"),
    (GgmlType::BF16, 30, 1, 2, "BF16"),
    (GgmlType::TQ1_0, 34, 256, 54, "TQ1_0"),
    (GgmlType::TQ2_0, 35, 256, 66, "TQ2_0"),
    (GgmlType::MXFP4, 39, 32, 17, "MXFP4"),
    (GgmlType::NVFP4, 40, 64, 36, "NVFP4"),
    (GgmlType::Q1_0, 41, 128, 18, "Q1_0"),
    (GgmlType::Q2_0, 42, 64, 18, "Q2_0"),
];

impl GgmlType {
    /// Every type, in GGUF id order.
    pub fn all() -> impl Iterator<Item = GgmlType> {
        TABLE.iter().map(|row| row.0)
    }

    fn row(self) -> &'static (GgmlType, u32, u32, u32, &'static str) {
        // The table lists every variant; the fallback row is never reached.
        TABLE.iter().find(|r| r.0 == self).unwrap_or(&TABLE[0])
    }

    /// The id used in GGUF tensor-info records (`enum ggml_type`).
    pub fn id(self) -> u32 {
        self.row().1
    }

    /// Weights per block.
    pub fn block_size(self) -> u64 {
        match self {
            GgmlType::F32
            | GgmlType::F16
            | GgmlType::BF16
            | GgmlType::F64
            | GgmlType::I8
            | GgmlType::I16
            | GgmlType::I32
            | GgmlType::I64 => 1,
            GgmlType::Q4_0
            | GgmlType::Q4_1
            | GgmlType::Q5_0
            | GgmlType::Q5_1
            | GgmlType::Q8_0
            | GgmlType::Q8_1
            | GgmlType::IQ4_NL
            | GgmlType::MXFP4 => 32,
            GgmlType::NVFP4 | GgmlType::Q2_0 => 64,
            GgmlType::Q1_0 => 128,
            _ => 256,
        }
    }

    /// Bytes per block.
    pub fn block_bytes(self) -> u64 {
        match self {
            GgmlType::F32 | GgmlType::I32 => 4,
            GgmlType::F16 | GgmlType::BF16 | GgmlType::I16 => 2,
            GgmlType::F64 | GgmlType::I64 => 8,
            GgmlType::I8 => 1,
            GgmlType::Q4_0 | GgmlType::IQ4_NL => 18,
            GgmlType::Q4_1 => 20,
            GgmlType::Q5_0 => 22,
            GgmlType::Q5_1 => 24,
            GgmlType::Q8_0 => 34,
            GgmlType::Q8_1 => 36,
            GgmlType::Q2_K => 84,
            GgmlType::Q3_K | GgmlType::IQ3_S => 110,
            GgmlType::Q4_K => 144,
            GgmlType::Q5_K => 176,
            GgmlType::Q6_K => 210,
            GgmlType::Q8_K => 292,
            GgmlType::IQ2_XXS | GgmlType::TQ2_0 => 66,
            GgmlType::IQ2_XS => 74,
            GgmlType::IQ3_XXS => 98,
            GgmlType::IQ1_S => 50,
            GgmlType::IQ2_S => 82,
            GgmlType::IQ4_XS => 136,
            GgmlType::IQ1_M => 56,
            GgmlType::TQ1_0 => 54,
            GgmlType::MXFP4 => 17,
            GgmlType::NVFP4 => 36,
            GgmlType::Q1_0 | GgmlType::Q2_0 => 18,
        }
    }

    /// The ggml name (`"Q4_K"`).
    pub fn name(self) -> &'static str {
        self.row().4
    }

    /// The type with this GGUF id, `None` for unknown or retired ids.
    pub fn from_id(id: u32) -> Option<GgmlType> {
        TABLE.iter().find(|r| r.1 == id).map(|r| r.0)
    }

    /// The type with this name, ASCII case-insensitive (`"q4_k"`).
    pub fn from_name(name: &str) -> Option<GgmlType> {
        TABLE
            .iter()
            .find(|r| r.4.eq_ignore_ascii_case(name))
            .map(|r| r.0)
    }

    /// Bits per weight: 8 × bytes per block / weights per block.
    pub fn bits_per_weight(self) -> f64 {
        8.0 * self.block_bytes() as f64 / self.block_size() as f64
    }

    /// A quantized (block) type rather than a plain float or integer.
    pub fn is_quantized(self) -> bool {
        self.block_size() > 1
    }

    /// Whether a row of `ne0` elements splits into whole blocks.
    pub fn fits_row(self, ne0: u64) -> bool {
        // Block sizes are powers of two.
        ne0 & (self.block_size() - 1) == 0
    }

    /// Bytes of one row of `ne0` elements (`ggml_row_size`); a partial last
    /// block is counted whole (ggml refuses such rows; callers check
    /// [`GgmlType::fits_row`] first).
    pub fn row_bytes(self, ne0: u64) -> u64 {
        let bs = self.block_size();
        // Block sizes are powers of two: shift instead of dividing.
        (ne0.saturating_add(bs - 1) >> bs.trailing_zeros()).saturating_mul(self.block_bytes())
    }

    /// Bytes of a tensor of `n_rows` rows of `ne0` elements.
    pub fn tensor_bytes(self, ne0: u64, n_rows: u64) -> u64 {
        self.row_bytes(ne0).saturating_mul(n_rows)
    }
}

impl core::fmt::Display for GgmlType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_the_size_functions() {
        for (t, id, blck, size, name) in TABLE {
            assert_eq!(t.block_size(), u64::from(blck), "{name}");
            assert_eq!(t.block_bytes(), u64::from(size), "{name}");
            assert_eq!(GgmlType::from_id(id), Some(t));
            assert_eq!(GgmlType::from_name(name), Some(t));
        }
    }

    #[test]
    fn bits_per_weight_match_sizing_facts() {
        // sizing-facts §1 bpw column.
        assert_eq!(GgmlType::Q4_K.bits_per_weight(), 4.5);
        assert_eq!(GgmlType::Q6_K.bits_per_weight(), 6.5625);
        assert_eq!(GgmlType::IQ2_XXS.bits_per_weight(), 2.0625);
        assert_eq!(GgmlType::MXFP4.bits_per_weight(), 4.25);
        assert_eq!(GgmlType::Q1_0.bits_per_weight(), 1.125);
    }

    #[test]
    fn block_sizes_are_powers_of_two() {
        // row_bytes and fits_row rely on it.
        for t in GgmlType::all() {
            assert!(t.block_size().is_power_of_two(), "{t}");
        }
    }

    #[test]
    fn retired_ids_are_unknown() {
        for id in [4, 5, 31, 32, 33, 36, 37, 38, 43, 1000] {
            assert_eq!(GgmlType::from_id(id), None, "{id}");
        }
    }
}
