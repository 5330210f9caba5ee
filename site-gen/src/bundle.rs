//! The offline bundle: a zip of the whole site under one folder, written with fixed
//! timestamps and sorted entries, so two builds give the same bytes. Plain PKZIP 2.0 with
//! deflate (or stored when deflate does not help); no zip64 (the site is a few MB).

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use rayon::prelude::*;

/// Deflate level of the bundle: 6 (zlib's default) costs a few percent in size against 9 and
/// compresses several times faster; the bundle holds every page, so this is most of its time.
const BUNDLE_LEVEL: u8 = 6;

/// 1980-01-01 00:00:00 in MS-DOS date/time form.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

fn crc32_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *slot = c;
    }
    table
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let table = crc32_table();
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc ^ 0xFFFF_FFFF
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn small(v: usize, what: &str) -> Result<u32> {
    match u32::try_from(v) {
        Ok(v) if v < u32::MAX => Ok(v),
        _ => bail!("{what} too large for a zip without zip64"),
    }
}

/// Zips `files` (path → bytes) under the folder `prefix/`.
pub fn zip(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let count = u16::try_from(files.len()).map_err(|_| anyhow::anyhow!("too many files for a zip without zip64"))?;
    // Checksums and compression, the expensive part, run in parallel; the layout is serial.
    let compressed: Vec<(u32, Option<Vec<u8>>)> = files
        .par_iter()
        .map(|(_, bytes)| {
            let deflated = miniz_oxide::deflate::compress_to_vec(bytes, BUNDLE_LEVEL);
            (crc32(bytes), (deflated.len() < bytes.len()).then_some(deflated))
        })
        .collect();
    for ((path, bytes), (crc, deflated)) in files.iter().zip(compressed) {
        let name = format!("{prefix}/{path}");
        let (method, data): (u16, &[u8]) = match &deflated {
            Some(deflated) => (8, deflated),
            None => (0, bytes),
        };
        let offset = small(out.len(), "the bundle")?;
        let name_len = u16::try_from(name.len()).map_err(|_| anyhow::anyhow!("path too long for a zip: {name}"))?;
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20); // version needed
        u16le(&mut out, 0x0800); // flags: UTF-8 names
        u16le(&mut out, method);
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, small(data.len(), &name)?);
        u32le(&mut out, small(bytes.len(), &name)?);
        u16le(&mut out, name_len);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, (3 << 8) | 20); // made by: Unix, 2.0
        u16le(&mut central, 20);
        u16le(&mut central, 0x0800);
        u16le(&mut central, method);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, small(data.len(), &name)?);
        u32le(&mut central, small(bytes.len(), &name)?);
        u16le(&mut central, name_len);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0o100_644 << 16); // external: regular file, rw-r--r--
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = small(out.len(), "the bundle")?;
    let central_len = small(central.len(), "the bundle")?;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, central_len);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    Ok(out)
}

/// Gzip-equivalent size (deflate plus the 18-byte gzip frame), for page-size budgets.
pub fn gzip_size(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 18
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn zip_is_deterministic_and_well_formed() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_owned(), b"<!doctype html><p>hello hello hello hello</p>".to_vec());
        files.insert("a/b.txt".to_owned(), b"x".to_vec());
        let one = zip(&files, "site").unwrap();
        assert_eq!(one, zip(&files, "site").unwrap());
        assert_eq!(&one[..4], b"PK\x03\x04");
        assert_eq!(&one[one.len() - 22..one.len() - 18], b"PK\x05\x06");
    }
}
