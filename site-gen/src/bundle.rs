//! The offline bundle: a zip of the whole site under one folder, written with fixed
//! timestamps and sorted entries, so two builds give the same bytes. Plain PKZIP 2.0 with
//! deflate (or stored when deflate does not help); zip64 records only when the site needs them
//! (more than 65,534 files, or an archive past 4 GiB), so small bundles stay plain PKZIP 2.0.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use rayon::prelude::*;

/// Deflate level of the bundle. The bundle holds every file of the site, so compressing it is
/// one of the largest costs of a big build. Measured on the 1,000-document bench site (256 MB,
/// one core): miniz_oxide level 1 2.0–2.9 s → 44 MB, level 3 3.7–4.5 s → 34 MB, level 6
/// 7.1–11.1 s → 33 MB; zlib-rs (used here) level 1 1.27 s → 48 MB, level 3 2.4 s → 36 MB.
/// Level 1 is chosen for build time; the bundle is about 45% larger than at level 6.
const BUNDLE_LEVEL: u32 = 1;

/// Fields of the classic records that mean "see the zip64 record".
const ZIP64_U16: u16 = 0xFFFF;
const ZIP64_U32: u32 = 0xFFFF_FFFF;

/// 1980-01-01 00:00:00 in MS-DOS date/time form.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// The CRC-32 of a zip entry.
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// Raw deflate at `BUNDLE_LEVEL`.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::new(BUNDLE_LEVEL));
    // Writing into a Vec cannot fail; if it ever did, the raw bytes are no smaller than the
    // input, so `zip` stores the entry uncompressed.
    match encoder.write_all(bytes).and_then(|()| encoder.finish()) {
        Ok(deflated) => deflated,
        Err(_) => bytes.to_vec(),
    }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A size of one file, which must fit the classic 32-bit fields (no single page is 4 GiB).
fn small(v: usize, what: &str) -> Result<u32> {
    match u32::try_from(v) {
        Ok(v) if v < u32::MAX => Ok(v),
        _ => bail!("{what} is too large for the bundle (4 GiB per file)"),
    }
}

/// Zips `files` (path → bytes) under the folder `prefix/`.
pub fn zip(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Result<Vec<u8>> {
    // Checksums and compression, the expensive part, run in parallel; the layout is serial.
    let compressed: Vec<(u32, Option<Vec<u8>>)> = files
        .par_iter()
        .map(|(_, bytes)| {
            let deflated = deflate(bytes);
            (crc32(bytes), (deflated.len() < bytes.len()).then_some(deflated))
        })
        .collect();
    let total: usize = compressed.iter().zip(files).map(|((_, d), (p, b))| d.as_ref().map_or(b.len(), Vec::len) + p.len() + prefix.len() + 64).sum();
    let mut out = Vec::with_capacity(total);
    let mut central = Vec::new();
    for ((path, bytes), (crc, deflated)) in files.iter().zip(compressed) {
        let name = format!("{prefix}/{path}");
        let (method, data): (u16, &[u8]) = match &deflated {
            Some(deflated) => (8, deflated),
            None => (0, bytes),
        };
        let offset = out.len() as u64;
        let far = offset >= u64::from(ZIP64_U32);
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
        // Central directory entry; an entry past 4 GiB keeps its offset in a zip64 extra field.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, (3 << 8) | if far { 45 } else { 20 }); // made by: Unix
        u16le(&mut central, if far { 45 } else { 20 });
        u16le(&mut central, 0x0800);
        u16le(&mut central, method);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, small(data.len(), &name)?);
        u32le(&mut central, small(bytes.len(), &name)?);
        u16le(&mut central, name_len);
        u16le(&mut central, if far { 12 } else { 0 }); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0o100_644 << 16); // external: regular file, rw-r--r--
        u32le(&mut central, if far { ZIP64_U32 } else { offset as u32 });
        central.extend_from_slice(name.as_bytes());
        if far {
            u16le(&mut central, 0x0001);
            u16le(&mut central, 8);
            central.extend_from_slice(&offset.to_le_bytes());
        }
    }
    let count = files.len() as u64;
    let central_offset = out.len() as u64;
    let central_len = central.len() as u64;
    out.extend_from_slice(&central);
    let needs_zip64 = count >= u64::from(ZIP64_U16) || central_offset >= u64::from(ZIP64_U32) || central_len >= u64::from(ZIP64_U32);
    if needs_zip64 {
        let record = out.len() as u64;
        // Zip64 end of central directory record, then its locator.
        u32le(&mut out, 0x0606_4b50);
        out.extend_from_slice(&44u64.to_le_bytes());
        u16le(&mut out, (3 << 8) | 45);
        u16le(&mut out, 45);
        u32le(&mut out, 0);
        u32le(&mut out, 0);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&central_len.to_le_bytes());
        out.extend_from_slice(&central_offset.to_le_bytes());
        u32le(&mut out, 0x0706_4b50);
        u32le(&mut out, 0);
        out.extend_from_slice(&record.to_le_bytes());
        u32le(&mut out, 1);
    }
    let clamp16 = |v: u64| u16::try_from(v).ok().filter(|&v| v != ZIP64_U16 && !needs_zip64).unwrap_or(ZIP64_U16);
    let clamp32 = |v: u64| u32::try_from(v).ok().filter(|&v| v != ZIP64_U32 && !needs_zip64).unwrap_or(ZIP64_U32);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, clamp16(count));
    u16le(&mut out, clamp16(count));
    u32le(&mut out, clamp32(central_len));
    u32le(&mut out, clamp32(central_offset));
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
        assert!(!one.windows(4).any(|w| w == b"PK\x06\x06"), "a small bundle has no zip64 record");
    }

    /// More than 65,534 files (the 10,000-document bench site has 55,864; a larger corpus
    /// passes the limit) used to fail the build: the count now goes into a zip64 record.
    #[test]
    fn regression_more_files_than_the_classic_count_field_uses_zip64() {
        let files: BTreeMap<String, Vec<u8>> = (0..70_000).map(|i| (format!("p/{i}.html"), vec![b'x'])).collect();
        let zip = zip(&files, "site").unwrap();
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(&zip[eocd + 8..eocd + 10], &[0xFF, 0xFF], "classic count says: see zip64");
        let locator = eocd - 20;
        assert_eq!(&zip[locator..locator + 4], b"PK\x06\x07");
        let record = u64::from_le_bytes(zip[locator + 8..locator + 16].try_into().unwrap()) as usize;
        assert_eq!(&zip[record..record + 4], b"PK\x06\x06");
        assert_eq!(u64::from_le_bytes(zip[record + 32..record + 40].try_into().unwrap()), 70_000);
    }
}
