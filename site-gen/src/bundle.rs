//! The offline bundle: a zip of the whole site under one folder, written with fixed
//! timestamps and sorted entries, so two builds give the same bytes. Plain PKZIP 2.0 with
//! deflate (or stored when deflate does not help); zip64 records only when the site needs them
//! (more than 65,534 files, or an archive past 4 GiB), so small bundles stay plain PKZIP 2.0.

use std::io::Write;

use anyhow::{Result, bail};

/// File name of the offline bundle in the site root.
pub const BUNDLE_NAME: &str = "portolan-site.zip";

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
    let mut encoder = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::new(BUNDLE_LEVEL),
    );
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

/// One file of the bundle, compressed (or stored when deflate does not help): made as soon as
/// the file is, so the build need not hold the whole site to zip it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    size: usize,
    crc: u32,
    /// 8: deflate, 0: stored.
    method: u16,
    data: Vec<u8>,
}

impl Entry {
    /// Compresses `bytes`; keeps them as they are (no copy) when deflate would not be smaller.
    pub fn new(path: String, bytes: Vec<u8>) -> Entry {
        let crc = crc32(&bytes);
        let deflated = deflate(&bytes);
        let size = bytes.len();
        if deflated.len() < size {
            Entry { path, size, crc, method: 8, data: deflated }
        } else {
            Entry { path, size, crc, method: 0, data: bytes }
        }
    }

    /// An entry whose compressed bytes come from a previous bundle (see `cache`): what
    /// `new` made of the same file, without deflating it again.
    pub fn reused(path: String, size: usize, crc: u32, method: u16, data: Vec<u8>) -> Entry {
        Entry { path, size, crc, method, data }
    }

    /// Compression method (8: deflate, 0: stored) and compressed length.
    pub fn stored_as(&self) -> (u16, usize) {
        (self.method, self.data.len())
    }
}

/// The fields a local header and its central directory entry share, from the flags to the name
/// length: UTF-8 names, method, time, date, CRC-32, compressed and uncompressed sizes.
fn shared_fields(out: &mut Vec<u8>, entry: &Entry, name: &str, name_len: u16) -> Result<()> {
    u16le(out, 0x0800); // flags: UTF-8 names
    u16le(out, entry.method);
    u16le(out, DOS_TIME);
    u16le(out, DOS_DATE);
    u32le(out, entry.crc);
    u32le(out, small(entry.data.len(), name)?);
    u32le(out, small(entry.size, name)?);
    u16le(out, name_len);
    Ok(())
}

/// Writes the zip of `entries` (in the order given) under the folder `prefix/`. Returns where
/// each entry's compressed bytes start in the archive (the next build copies them from there).
pub fn write_zip(entries: &[Entry], prefix: &str, out: &mut impl Write) -> Result<Vec<u64>> {
    let mut data_offsets = Vec::with_capacity(entries.len());
    let mut central = Vec::new();
    let mut offset: u64 = 0;
    let mut local = Vec::with_capacity(256);
    for entry in entries {
        let name = format!("{prefix}/{}", entry.path);
        let data = entry.data.as_slice();
        let far = offset >= u64::from(ZIP64_U32);
        let name_len = u16::try_from(name.len())
            .map_err(|_| anyhow::anyhow!("path too long for a zip: {name}"))?;
        // Local file header.
        local.clear();
        u32le(&mut local, 0x0403_4b50);
        u16le(&mut local, 20); // version needed
        shared_fields(&mut local, entry, &name, name_len)?;
        u16le(&mut local, 0);
        local.extend_from_slice(name.as_bytes());
        out.write_all(&local)?;
        data_offsets.push(offset + local.len() as u64);
        out.write_all(data)?;
        // Central directory entry; an entry past 4 GiB keeps its offset in a zip64 extra field.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, (3 << 8) | if far { 45 } else { 20 }); // made by: Unix
        u16le(&mut central, if far { 45 } else { 20 });
        shared_fields(&mut central, entry, &name, name_len)?;
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
        offset += (local.len() + data.len()) as u64;
    }
    let count = entries.len() as u64;
    let central_offset = offset;
    let central_len = central.len() as u64;
    out.write_all(&central)?;
    let needs_zip64 = count >= u64::from(ZIP64_U16)
        || central_offset >= u64::from(ZIP64_U32)
        || central_len >= u64::from(ZIP64_U32);
    let mut end = Vec::with_capacity(100);
    if needs_zip64 {
        let record = central_offset + central_len;
        // Zip64 end of central directory record, then its locator.
        u32le(&mut end, 0x0606_4b50);
        end.extend_from_slice(&44u64.to_le_bytes());
        u16le(&mut end, (3 << 8) | 45);
        u16le(&mut end, 45);
        u32le(&mut end, 0);
        u32le(&mut end, 0);
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&central_len.to_le_bytes());
        end.extend_from_slice(&central_offset.to_le_bytes());
        u32le(&mut end, 0x0706_4b50);
        u32le(&mut end, 0);
        end.extend_from_slice(&record.to_le_bytes());
        u32le(&mut end, 1);
    }
    let clamp16 = |v: u64| {
        u16::try_from(v).ok().filter(|&v| v != ZIP64_U16 && !needs_zip64).unwrap_or(ZIP64_U16)
    };
    let clamp32 = |v: u64| {
        u32::try_from(v).ok().filter(|&v| v != ZIP64_U32 && !needs_zip64).unwrap_or(ZIP64_U32)
    };
    u32le(&mut end, 0x0605_4b50);
    u16le(&mut end, 0);
    u16le(&mut end, 0);
    u16le(&mut end, clamp16(count));
    u16le(&mut end, clamp16(count));
    u32le(&mut end, clamp32(central_len));
    u32le(&mut end, clamp32(central_offset));
    u16le(&mut end, 0);
    out.write_all(&end)?;
    Ok(data_offsets)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Zips `files` (path → bytes) under the folder `prefix/`, as the build does.
    fn zip(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Result<Vec<u8>> {
        let entries: Vec<Entry> =
            files.iter().map(|(path, bytes)| Entry::new(path.clone(), bytes.clone())).collect();
        let mut out = Vec::new();
        write_zip(&entries, prefix, &mut out)?;
        Ok(out)
    }

    /// Every file of `archive`, as (name, bytes), read by the `zip` crate.
    fn read_back(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut reader =
            ::zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("the zip crate opens it");
        (0..reader.len())
            .map(|i| {
                let mut file = reader.by_index(i).expect("an entry");
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut bytes).expect("inflates, CRC matches");
                (file.name().expect("a UTF-8 name").into_owned(), bytes)
            })
            .collect()
    }

    #[test]
    fn bundle_reads_back_with_the_zip_crate() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_owned(), "<p>deflated, deflated, deflated</p>".repeat(20));
        files.insert("a/stored.txt".to_owned(), "x".to_owned());
        files.insert("a/empty.txt".to_owned(), String::new());
        files.insert("ports/nœud-443.html".to_owned(), "UTF-8 name".to_owned());
        let files: BTreeMap<String, Vec<u8>> =
            files.into_iter().map(|(p, text)| (p, text.into_bytes())).collect();
        let expected: BTreeMap<String, Vec<u8>> =
            files.iter().map(|(p, bytes)| (format!("site/{p}"), bytes.clone())).collect();
        assert_eq!(read_back(&zip(&files, "site").unwrap()), expected);
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn zip_is_deterministic_and_well_formed() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_owned(),
            b"<!doctype html><p>hello hello hello hello</p>".to_vec(),
        );
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
        let files: BTreeMap<String, Vec<u8>> =
            (0..70_000).map(|i| (format!("p/{i}.html"), vec![b'x'])).collect();
        let zip = zip(&files, "site").unwrap();
        let eocd = zip.len() - 22;
        assert_eq!(&zip[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(&zip[eocd + 8..eocd + 10], &[0xFF, 0xFF], "classic count says: see zip64");
        let locator = eocd - 20;
        assert_eq!(&zip[locator..locator + 4], b"PK\x06\x07");
        let record =
            u64::from_le_bytes(zip[locator + 8..locator + 16].try_into().unwrap()) as usize;
        assert_eq!(&zip[record..record + 4], b"PK\x06\x06");
        assert_eq!(u64::from_le_bytes(zip[record + 32..record + 40].try_into().unwrap()), 70_000);
        let back = read_back(&zip);
        assert_eq!(back.len(), 70_000, "the zip crate reads every entry through the zip64 record");
        assert_eq!(back.get("site/p/69999.html"), Some(&vec![b'x']));
    }
}
