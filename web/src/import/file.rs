//! Reading the start of a local file the user picked or dropped
//! (`File.slice` → `Blob.arrayBuffer`); the rest of the file is never read.

use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use super::{from_gguf, read_gguf, Imported};

/// Reads up to the first `n` bytes of `file`.
pub async fn read_prefix(file: &File, n: u64) -> Result<Vec<u8>, String> {
    let end = n.min(file.size().max(0.0) as u64);
    let blob = file
        .slice_with_f64_and_f64(0.0, end as f64)
        .map_err(|_| String::from("The browser could not read this file."))?;
    let buf = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| String::from("The browser could not read this file."))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Imports a local GGUF file from its header.
pub async fn import_file(file: File) -> Result<Imported, String> {
    let name = file.name();
    let len = file.size().max(0.0) as u64;
    if len == 0 {
        return Err(String::from("This file is empty."));
    }
    let f = &file;
    let header = read_gguf(Some(len), |n| read_prefix(f, n)).await?;
    let shown = super::clip(&name, 120);
    from_gguf(
        &format!("{shown} (local file, header only)"),
        &name,
        &header,
    )
}
