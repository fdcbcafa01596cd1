//! A bounded GGUF header reader over `&[u8]` (no I/O).
//!
//! Layout (sizing-facts §1.1, ggml `gguf.h`): magic `GGUF`, version u32
//! (2 or 3), tensor count u64, KV count u64, the KVs (key string, value
//! type u32, value), the tensor infos (name, n_dims u32, dims u64 each, type
//! u32, offset u64), then padding to `general.alignment` (default 32).
//!
//! The reader trusts nothing: every count is checked against a limit and
//! against the bytes left before anything is allocated from it, all
//! arithmetic is checked, and running off the end of the buffer returns
//! [`GgufError::NeedMoreBytes`] so a caller holding only the first part of
//! a file can read more and retry. Large arrays (the tokenizer) are
//! skipped, keeping only their length.

use alloc::string::String;
use alloc::vec::Vec;

use crate::ggml::GgmlType;

mod arch;

/// Limits on what a header may declare.
pub mod limits {
    /// Tensors in one file.
    pub const TENSORS: u64 = 1 << 17;
    /// Key/value pairs.
    pub const KVS: u64 = 1 << 14;
    /// Bytes of one key or tensor name.
    pub const NAME_BYTES: u64 = 1 << 12;
    /// Bytes of one string value kept in memory (longer ones are skipped).
    pub const KEPT_STRING_BYTES: u64 = 1 << 16;
    /// Bytes of any one string in the file.
    pub const STRING_BYTES: u64 = 1 << 26;
    /// Elements of an array whose values are kept (per-layer arrays).
    pub const KEPT_ARRAY_LEN: u64 = 1 << 12;
    /// Elements of any array.
    pub const ARRAY_LEN: u64 = 1 << 32;
    /// Nesting of arrays inside arrays.
    pub const ARRAY_DEPTH: u32 = 4;
    /// Tensor dimensions.
    pub const DIMS: u32 = 4;
}

/// Why a GGUF header could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GgufError {
    /// The buffer ends before the header does; read at least this many
    /// bytes from the start of the file and retry.
    NeedMoreBytes {
        /// Minimum total length needed (a lower bound).
        at_least: u64,
    },
    /// The file does not start with `GGUF`.
    BadMagic,
    /// A GGUF version this reader does not know.
    UnsupportedVersion(u32),
    /// A count exceeds its limit.
    TooMany {
        /// What was counted.
        what: &'static str,
        /// The declared count.
        count: u64,
        /// The limit.
        max: u64,
    },
    /// An unknown value type id.
    BadValueType(u32),
    /// A tensor with an unknown or retired ggml type id.
    BadTensorType {
        /// Tensor index.
        index: u64,
        /// The type id.
        type_id: u32,
    },
    /// A key or name is not UTF-8.
    InvalidUtf8,
    /// Structurally invalid (the message says where).
    Malformed(&'static str),
}

impl core::fmt::Display for GgufError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            GgufError::NeedMoreBytes { at_least } => {
                write!(
                    f,
                    "GGUF header is incomplete: need at least {at_least} bytes"
                )
            }
            GgufError::BadMagic => f.write_str("not a GGUF file (bad magic)"),
            GgufError::UnsupportedVersion(v) => write!(f, "unsupported GGUF version {v}"),
            GgufError::TooMany { what, count, max } => {
                write!(f, "GGUF declares {count} {what} (limit {max})")
            }
            GgufError::BadValueType(t) => write!(f, "unknown GGUF value type {t}"),
            GgufError::BadTensorType { index, type_id } => {
                write!(f, "tensor {index} has unknown ggml type {type_id}")
            }
            GgufError::InvalidUtf8 => f.write_str("GGUF key or name is not UTF-8"),
            GgufError::Malformed(what) => write!(f, "malformed GGUF: {what}"),
        }
    }
}

impl core::error::Error for GgufError {}

/// A metadata value.
#[derive(Clone, Debug, PartialEq)]
pub enum GgufValue {
    /// Unsigned integer (u8/u16/u32/u64).
    Uint(u64),
    /// Signed integer (i8/i16/i32/i64).
    Int(i64),
    /// Float (f32/f64).
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// A string; `None` when longer than [`limits::KEPT_STRING_BYTES`]
    /// (skipped), with its byte length.
    Str(Option<String>, u64),
    /// An array: element type id, length, and its values when the array is
    /// short and of scalars (otherwise empty).
    Array {
        /// GGUF value type of the elements.
        elem_type: u32,
        /// Number of elements.
        len: u64,
        /// Kept values (empty when skipped).
        values: Vec<GgufValue>,
    },
}

impl GgufValue {
    /// The value as an unsigned integer (non-negative integers only).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            GgufValue::Uint(v) => Some(*v),
            GgufValue::Int(v) => u64::try_from(*v).ok(),
            _ => None,
        }
    }

    /// The value as a float.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            GgufValue::Float(v) => Some(*v),
            GgufValue::Uint(v) => Some(*v as f64),
            GgufValue::Int(v) => Some(*v as f64),
            _ => None,
        }
    }

    /// The value as a string, if it was kept.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            GgufValue::Str(Some(s), _) => Some(s),
            _ => None,
        }
    }

    /// The value as a bool.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            GgufValue::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// One tensor-info record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GgufTensorInfo {
    /// Tensor name (`blk.0.attn_q.weight`).
    pub name: String,
    /// Number of dimensions (1..=4).
    pub n_dims: u32,
    /// Dimensions, unused ones 1.
    pub ne: [u64; 4],
    /// Element type.
    pub ggml_type: GgmlType,
    /// Offset of the data relative to the data section.
    pub offset: u64,
}

impl GgufTensorInfo {
    /// Elements in the tensor (saturating).
    pub fn n_elements(&self) -> u64 {
        self.ne.iter().fold(1u64, |a, d| a.saturating_mul(*d))
    }

    /// Bytes of the tensor data (saturating).
    pub fn n_bytes(&self) -> u64 {
        let rows = self.ne[1..].iter().fold(1u64, |a, d| a.saturating_mul(*d));
        self.ggml_type.tensor_bytes(self.ne[0], rows)
    }
}

/// A parsed GGUF header.
#[derive(Clone, Debug, PartialEq)]
pub struct GgufHeader {
    /// Format version (2 or 3).
    pub version: u32,
    /// Metadata, in file order.
    pub kvs: Vec<(String, GgufValue)>,
    /// Tensor infos, in file order (only this shard's for split files).
    pub tensors: Vec<GgufTensorInfo>,
    /// `general.alignment` (default 32).
    pub alignment: u64,
    /// Where the tensor data starts (header bytes, padded to the alignment).
    pub data_offset: u64,
}

impl GgufHeader {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&GgufValue> {
        self.kvs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// `general.architecture`.
    pub fn architecture(&self) -> Option<&str> {
        self.get("general.architecture").and_then(GgufValue::as_str)
    }

    /// An architecture-scoped key (`{arch}.{suffix}`).
    pub fn arch_key(&self, suffix: &str) -> Option<&GgufValue> {
        let arch = self.architecture()?;
        self.kvs
            .iter()
            .find(|(k, _)| {
                k.len() == arch.len() + 1 + suffix.len()
                    && k.starts_with(arch)
                    && k.as_bytes().get(arch.len()) == Some(&b'.')
                    && k.ends_with(suffix)
            })
            .map(|(_, v)| v)
    }

    /// Number of files of a split model (`split.count`, 1 when not split).
    pub fn split_count(&self) -> u64 {
        self.get("split.count")
            .and_then(GgufValue::as_u64)
            .unwrap_or(1)
    }

    /// `general.file_type`.
    pub fn file_type(&self) -> Option<u64> {
        self.get("general.file_type").and_then(GgufValue::as_u64)
    }

    /// Bytes of this file: header plus every listed tensor padded to the alignment.
    pub fn file_bytes(&self) -> u64 {
        self.tensors.iter().fold(self.data_offset, |acc, t| {
            acc.saturating_add(pad(t.n_bytes(), self.alignment))
        })
    }
}

fn pad(n: u64, align: u64) -> u64 {
    n.div_ceil(align.max(1)).saturating_mul(align.max(1))
}

/// Value type ids.
mod vt {
    pub const U8: u32 = 0;
    pub const I8: u32 = 1;
    pub const U16: u32 = 2;
    pub const I16: u32 = 3;
    pub const U32: u32 = 4;
    pub const I32: u32 = 5;
    pub const F32: u32 = 6;
    pub const BOOL: u32 = 7;
    pub const STRING: u32 = 8;
    pub const ARRAY: u32 = 9;
    pub const U64: u32 = 10;
    pub const I64: u32 = 11;
    pub const F64: u32 = 12;
}

/// Fixed byte size of a scalar value type, `None` for strings/arrays/unknown.
fn scalar_size(t: u32) -> Option<u64> {
    match t {
        vt::U8 | vt::I8 | vt::BOOL => Some(1),
        vt::U16 | vt::I16 => Some(2),
        vt::U32 | vt::I32 | vt::F32 => Some(4),
        vt::U64 | vt::I64 | vt::F64 => Some(8),
        _ => None,
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn need(&self, n: u64) -> GgufError {
        GgufError::NeedMoreBytes {
            at_least: (self.pos as u64).saturating_add(n),
        }
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], GgufError> {
        let n_usize = usize::try_from(n).map_err(|_| self.need(n))?;
        let end = self.pos.checked_add(n_usize).ok_or_else(|| self.need(n))?;
        let slice = self.buf.get(self.pos..end).ok_or_else(|| self.need(n))?;
        self.pos = end;
        Ok(slice)
    }

    fn remaining(&self) -> u64 {
        (self.buf.len().saturating_sub(self.pos)) as u64
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], GgufError> {
        let s = self.take(N as u64)?;
        let mut out = [0u8; N];
        out.copy_from_slice(s);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, GgufError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, GgufError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A length-prefixed string; kept when at most `keep` bytes.
    fn string(&mut self, keep: u64) -> Result<(Option<String>, u64), GgufError> {
        let len = self.u64()?;
        if len > limits::STRING_BYTES {
            return Err(GgufError::TooMany {
                what: "string bytes",
                count: len,
                max: limits::STRING_BYTES,
            });
        }
        let bytes = self.take(len)?;
        if len > keep {
            return Ok((None, len));
        }
        let s = core::str::from_utf8(bytes).map_err(|_| GgufError::InvalidUtf8)?;
        Ok((Some(String::from(s)), len))
    }

    fn name(&mut self) -> Result<String, GgufError> {
        let len = self.u64()?;
        if len > limits::NAME_BYTES {
            return Err(GgufError::TooMany {
                what: "name bytes",
                count: len,
                max: limits::NAME_BYTES,
            });
        }
        let bytes = self.take(len)?;
        core::str::from_utf8(bytes)
            .map(String::from)
            .map_err(|_| GgufError::InvalidUtf8)
    }

    fn scalar(&mut self, t: u32) -> Result<GgufValue, GgufError> {
        Ok(match t {
            vt::U8 => GgufValue::Uint(u64::from(self.array::<1>()?[0])),
            vt::I8 => GgufValue::Int(i64::from(i8::from_le_bytes(self.array()?))),
            vt::U16 => GgufValue::Uint(u64::from(u16::from_le_bytes(self.array()?))),
            vt::I16 => GgufValue::Int(i64::from(i16::from_le_bytes(self.array()?))),
            vt::U32 => GgufValue::Uint(u64::from(self.u32()?)),
            vt::I32 => GgufValue::Int(i64::from(i32::from_le_bytes(self.array()?))),
            vt::F32 => GgufValue::Float(f64::from(f32::from_le_bytes(self.array()?))),
            vt::BOOL => GgufValue::Bool(self.array::<1>()?[0] != 0),
            vt::U64 => GgufValue::Uint(self.u64()?),
            vt::I64 => GgufValue::Int(i64::from_le_bytes(self.array()?)),
            vt::F64 => GgufValue::Float(f64::from_le_bytes(self.array()?)),
            other => return Err(GgufError::BadValueType(other)),
        })
    }

    fn value(&mut self, t: u32, depth: u32) -> Result<GgufValue, GgufError> {
        match t {
            vt::STRING => {
                let (s, len) = self.string(limits::KEPT_STRING_BYTES)?;
                Ok(GgufValue::Str(s, len))
            }
            vt::ARRAY => {
                if depth >= limits::ARRAY_DEPTH {
                    return Err(GgufError::Malformed("arrays nested too deeply"));
                }
                let elem_type = self.u32()?;
                let len = self.u64()?;
                if len > limits::ARRAY_LEN {
                    return Err(GgufError::TooMany {
                        what: "array elements",
                        count: len,
                        max: limits::ARRAY_LEN,
                    });
                }
                match scalar_size(elem_type) {
                    Some(size) => {
                        let bytes = len.saturating_mul(size);
                        if bytes > self.remaining() {
                            return Err(self.need(bytes));
                        }
                        if len <= limits::KEPT_ARRAY_LEN {
                            let mut values = Vec::with_capacity(len as usize);
                            for _ in 0..len {
                                values.push(self.scalar(elem_type)?);
                            }
                            Ok(GgufValue::Array {
                                elem_type,
                                len,
                                values,
                            })
                        } else {
                            self.take(bytes)?;
                            Ok(GgufValue::Array {
                                elem_type,
                                len,
                                values: Vec::new(),
                            })
                        }
                    }
                    None if matches!(elem_type, vt::STRING | vt::ARRAY) => {
                        // Each element is at least 8 bytes (a length).
                        let min = len.saturating_mul(8);
                        if min > self.remaining() {
                            return Err(self.need(min));
                        }
                        for _ in 0..len {
                            self.value(elem_type, depth + 1)?;
                        }
                        Ok(GgufValue::Array {
                            elem_type,
                            len,
                            values: Vec::new(),
                        })
                    }
                    None => Err(GgufError::BadValueType(elem_type)),
                }
            }
            other => self.scalar(other),
        }
    }
}

/// Read a GGUF header from the first bytes of a file.
pub fn read_header(bytes: &[u8]) -> Result<GgufHeader, GgufError> {
    let mut r = Reader { buf: bytes, pos: 0 };
    if r.array::<4>()? != *b"GGUF" {
        return Err(GgufError::BadMagic);
    }
    let version = r.u32()?;
    if !(2..=3).contains(&version) {
        return Err(GgufError::UnsupportedVersion(version));
    }
    let n_tensors = r.u64()?;
    let n_kv = r.u64()?;
    if n_tensors > limits::TENSORS {
        return Err(GgufError::TooMany {
            what: "tensors",
            count: n_tensors,
            max: limits::TENSORS,
        });
    }
    if n_kv > limits::KVS {
        return Err(GgufError::TooMany {
            what: "metadata keys",
            count: n_kv,
            max: limits::KVS,
        });
    }
    // A KV takes at least 8 (key length) + 4 (type) + 1 bytes.
    let mut kvs = Vec::with_capacity(n_kv.min(r.remaining() / 13) as usize);
    for _ in 0..n_kv {
        let key = r.name()?;
        let t = r.u32()?;
        let value = r.value(t, 0)?;
        kvs.push((key, value));
    }
    let alignment = match kvs.iter().find(|(k, _)| k == "general.alignment") {
        Some((_, v)) => match v.as_u64() {
            Some(a) if a > 0 && a <= 1 << 16 && a.is_power_of_two() => a,
            _ => {
                return Err(GgufError::Malformed(
                    "general.alignment is not a power of two",
                ))
            }
        },
        None => 32,
    };
    // A tensor info takes at least 8 + 4 + 8 + 4 + 8 bytes.
    let mut tensors = Vec::with_capacity(n_tensors.min(r.remaining() / 32) as usize);
    for index in 0..n_tensors {
        let name = r.name()?;
        let n_dims = r.u32()?;
        if n_dims == 0 || n_dims > limits::DIMS {
            return Err(GgufError::Malformed(
                "tensor has 0 or more than 4 dimensions",
            ));
        }
        let mut ne = [1u64; 4];
        for d in ne.iter_mut().take(n_dims as usize) {
            *d = r.u64()?;
            if *d > 1 << 40 {
                return Err(GgufError::Malformed("tensor dimension is absurdly large"));
            }
        }
        if ne
            .iter()
            .try_fold(1u64, |a, d| a.checked_mul(*d))
            .is_none_or(|n| n > 1 << 44)
        {
            return Err(GgufError::Malformed("tensor has too many elements"));
        }
        let type_id = r.u32()?;
        let ggml_type =
            GgmlType::from_id(type_id).ok_or(GgufError::BadTensorType { index, type_id })?;
        if !ggml_type.fits_row(ne[0]) {
            return Err(GgufError::Malformed(
                "tensor row is not a whole number of blocks",
            ));
        }
        let offset = r.u64()?;
        if !offset.is_multiple_of(alignment) {
            return Err(GgufError::Malformed("tensor data offset is not aligned"));
        }
        tensors.push(GgufTensorInfo {
            name,
            n_dims,
            ne,
            ggml_type,
            offset,
        });
    }
    let data_offset = pad(r.pos as u64, alignment);
    Ok(GgufHeader {
        version,
        kvs,
        tensors,
        alignment,
        data_offset,
    })
}
