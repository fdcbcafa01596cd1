//! Quality loss per quantization type, from published measurements only.
//!
//! Every figure comes from llama.cpp's `tools/perplexity/README.md`,
//! section "LLaMA 3 8b Scoreboard" (revision f364eb6f, CUDA backend, one
//! RTX 4090, Wikitext-2 test set, LLaMA 3 8B base model), where each
//! quantization is compared with FP16: perplexity (PPL), its increase
//! (ΔPPL) and the mean Kullback–Leibler divergence of the token
//! distributions (KLD). Rows without an importance matrix are used where
//! the table has them; otherwise the row names the imatrix used ("WT 10m" =
//! 10 million Wikitext tokens). Types the table does not cover have no
//! figure (`None`) and say so. Rows are sorted by KLD, best first.

/// One quantization type's published quality figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QualityRow {
    /// llama.cpp type name as users write it (`Q4_K_M`).
    pub quant: &'static str,
    /// Mean KL divergence vs FP16.
    pub kld: Option<f64>,
    /// Wikitext-2 perplexity of the quantized model.
    pub ppl: Option<f64>,
    /// Perplexity increase over FP16 (ΔPPL).
    pub delta_ppl: Option<f64>,
    /// Importance matrix used (`"None"` or e.g. `"WT 10m"`).
    pub imatrix: &'static str,
    /// Model measured.
    pub model: &'static str,
    /// Where the figures come from.
    pub source: &'static str,
    /// Caveats.
    pub note: &'static str,
}

impl QualityRow {
    /// Perplexity increase in percent of the FP16 perplexity
    /// (ΔPPL / (PPL − ΔPPL) × 100), when both figures are published.
    pub fn ppl_increase_pct(&self) -> Option<f64> {
        let (ppl, d) = (self.ppl?, self.delta_ppl?);
        let base = ppl - d;
        (base > 0.0).then(|| d / base * 100.0)
    }
}

const SCOREBOARD: &str = "https://github.com/ggml-org/llama.cpp/blob/master/tools/perplexity/README.md (LLaMA 3 8b Scoreboard, revision f364eb6f)";
const L3_8B: &str = "LLaMA 3 8B";

const fn row(
    quant: &'static str,
    ppl: f64,
    delta_ppl: f64,
    kld: f64,
    imatrix: &'static str,
    note: &'static str,
) -> QualityRow {
    QualityRow {
        quant,
        kld: Some(kld),
        ppl: Some(ppl),
        delta_ppl: Some(delta_ppl),
        imatrix,
        model: L3_8B,
        source: SCOREBOARD,
        note,
    }
}

const fn none(quant: &'static str, note: &'static str) -> QualityRow {
    QualityRow {
        quant,
        kld: None,
        ppl: None,
        delta_ppl: None,
        imatrix: "",
        model: "",
        source: "no published llama.cpp measurement found",
        note,
    }
}

#[rustfmt::skip]
static ROWS: &[QualityRow] = &[
    QualityRow {
        quant: "BF16", kld: Some(0.00002515), ppl: Some(6.227711), delta_ppl: Some(0.002517), imatrix: "None", model: L3_8B,
        source: "https://github.com/ggml-org/llama.cpp/blob/master/tools/perplexity/README.md (LLaMA 3 BF16 vs. FP16 comparison, revision 83330d8c)",
        note: "FP16 model measured against the BF16 model as base: the BF16/FP16 difference.",
    },
    row("F16", 6.233160, 0.001524, 0.000551, "None", "Only the 16-bit downcast of the stored base logits (the README's own caveat)."),
    row("Q8_0", 6.234284, 0.002650, 0.001355, "None", ""),
    row("Q6_K", 6.253382, 0.021748, 0.005452, "None", ""),
    row("Q5_K_M", 6.288607, 0.056974, 0.010762, "None", ""),
    row("Q5_K_S", 6.336598, 0.104964, 0.016595, "None", ""),
    row("Q5_1", 6.337857, 0.106223, 0.018045, "None", ""),
    row("Q5_0", 6.363224, 0.131591, 0.022239, "None", ""),
    row("Q4_K_M", 6.407115, 0.175482, 0.031273, "None", "With a 10M-token Wikitext imatrix: KLD 0.028152, ΔPPL 0.151303."),
    row("IQ4_NL", 6.455593, 0.223959, 0.035742, "WT 10m", ""),
    row("IQ4_XS", 6.459705, 0.228071, 0.036334, "WT 10m", ""),
    row("Q4_K_S", 6.500529, 0.268895, 0.043136, "None", "With a 10M-token Wikitext imatrix: KLD 0.031951."),
    row("Q4_1", 6.682737, 0.451103, 0.071683, "None", ""),
    row("Q4_0", 6.700147, 0.468514, 0.071940, "None", ""),
    row("Q3_K_L", 6.787876, 0.556242, 0.087176, "None", "With a 10M-token Wikitext imatrix: KLD 0.073077."),
    row("Q3_K_M", 6.888498, 0.656864, 0.101913, "None", "With a 10M-token Wikitext imatrix: KLD 0.084358."),
    row("IQ3_M", 6.898327, 0.666694, 0.102534, "WT 10m", ""),
    row("IQ3_S", 6.965501, 0.733867, 0.111278, "WT 10m", ""),
    row("IQ3_XS", 7.163043, 0.931409, 0.138693, "WT 10m", ""),
    row("IQ3_XXS", 7.458436, 1.226803, 0.183625, "WT 10m", ""),
    row("Q3_K_S", 7.863786, 1.632152, 0.228217, "None", "With a 10M-token Wikitext imatrix: KLD 0.199821."),
    row("IQ2_M", 8.600799, 2.369166, 0.325989, "WT 10m", ""),
    row("Q2_K_S", 9.323778, 3.092145, 0.403360, "WT 10m", ""),
    row("IQ2_S", 9.650781, 3.419148, 0.439197, "WT 10m", ""),
    row("Q2_K", 9.751568, 3.519934, 0.445132, "None", "With a 10M-token Wikitext imatrix: KLD 0.332223."),
    row("IQ2_XS", 10.761424, 4.529791, 0.546290, "WT 10m", ""),
    row("IQ2_XXS", 14.091782, 7.860148, 0.812022, "WT 10m", ""),
    row("IQ1_M", 25.493722, 19.262089, 1.393084, "WT 10m", ""),
    row("IQ1_S", 58.097760, 51.866126, 2.211278, "WT 1m", ""),
    none("MXFP4", "Not in the scoreboard; gpt-oss ships its experts in MXFP4 natively."),
    none("TQ1_0", "Ternary types are meant for ternary-trained models; not in the scoreboard."),
    none("TQ2_0", "Ternary types are meant for ternary-trained models; not in the scoreboard."),
];

/// Every row, best (lowest KLD) first; rows without figures last.
pub fn rows() -> &'static [QualityRow] {
    ROWS
}

/// The row for a quantization type (case-insensitive, e.g. `q4_k_m`).
///
/// Unsloth `UD-*` mixes and third-party formats (FP8, AWQ, GPTQ, MLX, EXL2)
/// have no row: no comparable published measurement exists.
pub fn quality(quant: &str) -> Option<&'static QualityRow> {
    let quant = quant.trim();
    ROWS.iter().find(|r| r.quant.eq_ignore_ascii_case(quant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q4_k_m_matches_the_scoreboard() {
        let Some(r) = quality("q4_k_m") else {
            panic!("Q4_K_M row missing");
        };
        // Scoreboard row "q4_K_M | None | 4.58 | 6.407115 | 0.175482 | 0.031273".
        assert_eq!(r.kld, Some(0.031273));
        // 0.175482 / (6.407115 − 0.175482) = 0.175482 / 6.231633 = 2.816 %.
        let pct = r.ppl_increase_pct().unwrap_or(f64::NAN);
        assert!((pct - 2.816).abs() < 0.001, "{pct}");
    }

    #[test]
    fn measured_rows_are_sorted_by_kld() {
        let klds: alloc::vec::Vec<f64> = ROWS.iter().filter_map(|r| r.kld).collect();
        assert!(klds.windows(2).all(|w| w[0] <= w[1]));
        let first_none = ROWS
            .iter()
            .position(|r| r.kld.is_none())
            .unwrap_or(ROWS.len());
        assert!(ROWS[first_none..].iter().all(|r| r.kld.is_none()));
    }

    #[test]
    fn unknown_types_have_no_row() {
        assert!(quality("UD-Q4_K_XL").is_none());
        assert_eq!(quality("MXFP4").and_then(|r| r.kld), None);
    }
}
