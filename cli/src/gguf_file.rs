//! Reading a GGUF file's header from disk without reading the weights.
//!
//! The first [`FIRST_READ`] bytes are read; when the header parser asks for
//! more (a large vocabulary), the prefix grows geometrically up to
//! [`MAX_HEADER`]. Files are never read whole: a multi-GB GGUF costs at most
//! [`MAX_HEADER`] bytes of memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use headroom_core::arch::Arch;
use headroom_core::gguf::{read_header, GgufError, GgufHeader};
use headroom_core::quant::{plan_from_gguf, FileType};
use headroom_core::weights::WeightPlan;

use crate::args::{input_err, CliResult};

/// First read: 8 MiB covers the metadata of almost every model.
pub const FIRST_READ: u64 = 8 << 20;
/// Largest header prefix read: 256 MiB.
pub const MAX_HEADER: u64 = 256 << 20;

/// What the header says about the model.
pub struct GgufModel {
    /// `general.name`, or the file name.
    pub name: String,
    /// The architecture rebuilt from the metadata.
    pub arch: Arch,
    /// The quantization name from `general.file_type`, if recorded.
    pub quant: Option<String>,
    /// The exact weight plan from the tensor table (single-file models).
    pub plan: Option<WeightPlan>,
}

/// Reads up to `n` bytes from the start of `path`.
fn read_prefix(path: &Path, n: u64) -> CliResult<Vec<u8>> {
    let f =
        File::open(path).map_err(|e| input_err(format!("cannot open {}: {e}", path.display())))?;
    let mut buf = Vec::new();
    f.take(n)
        .read_to_end(&mut buf)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    Ok(buf)
}

/// Reads and parses the header, growing the prefix as the parser asks.
pub fn read_gguf_header(path: &Path) -> CliResult<GgufHeader> {
    let meta = std::fs::metadata(path)
        .map_err(|e| input_err(format!("cannot read {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(input_err(format!("{} is not a file", path.display())));
    }
    let len = meta.len();
    let mut want = FIRST_READ.min(len);
    loop {
        let buf = read_prefix(path, want)?;
        match read_header(&buf) {
            Ok(h) => return Ok(h),
            Err(GgufError::NeedMoreBytes { at_least }) => {
                if want >= len {
                    return Err(input_err(format!(
                        "{}: truncated GGUF (the header needs at least {at_least} bytes, the file has {len})",
                        path.display()
                    )));
                }
                if at_least > MAX_HEADER || want >= MAX_HEADER {
                    return Err(input_err(format!(
                        "{}: GGUF header is larger than {} MiB; refusing to read further",
                        path.display(),
                        MAX_HEADER >> 20
                    )));
                }
                want = at_least
                    .max(want.saturating_mul(2))
                    .min(MAX_HEADER)
                    .min(len);
            }
            Err(e) => return Err(input_err(format!("{}: {e}", path.display()))),
        }
    }
}

/// Parses the header of the GGUF at `path` into a model.
pub fn read(path: &Path) -> CliResult<GgufModel> {
    let h = read_gguf_header(path)?;
    let arch = Arch::from_gguf(&h).map_err(|e| input_err(format!("{}: {e}", path.display())))?;
    let name = h
        .get("general.name")
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .or_else(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "GGUF model".to_string());
    let quant = h
        .file_type()
        .and_then(|id| u32::try_from(id).ok())
        .and_then(FileType::from_id)
        .map(|f| f.name().to_string());
    // A shard of a split model lists only its own tensors: plan from the
    // rules instead of a partial table.
    let plan = (h.split_count() <= 1).then(|| plan_from_gguf(&h));
    Ok(GgufModel {
        name,
        arch,
        quant,
        plan,
    })
}
