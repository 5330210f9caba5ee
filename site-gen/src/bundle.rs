//! The offline bundle: the whole site under one folder as a gzipped tar (`.tar.gz`), written
//! with fixed times and owners and sorted entries, so two builds give the same bytes.
//!
//! Why a tar.gz and not a zip: a zip deflates each file on its own, and most pages are a few
//! kilobytes that share their frame and markup with every other page; one stream compresses
//! across files. On the 1,000-document bench site the zip was 38 MB and the same files as one
//! tar stream at the same level 22 MB. It opens offline everywhere: a double click on macOS and
//! Windows 11, `tar -xf portolan-site.tar.gz` on Linux, macOS and Windows 10.
//!
//! The stream is cut into members of about `MEMBER_BYTES` of tar, each gzipped on its own core
//! and written one after the other: concatenated gzip members are one valid `.gz` (RFC 1952),
//! which every gzip and tar reader reads as the tar they add up to.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

/// File name of the offline bundle in the site root.
pub const BUNDLE_NAME: &str = "portolan-site.tar.gz";

/// The folder the bundle's files sit under.
pub const BUNDLE_FOLDER: &str = "portolan-site";

/// Deflate level, libdeflate's. Measured on the 1,000-document bench site (94 MB of tar in 1 MB
/// members, one thread, `examples/deflate_bench.rs`): zlib-rs level 3 (the bundle's until session
/// 11) gave 12.00 MB in 422–469 ms of CPU, libdeflate level 1 12.35 MB (+3%) in 231–237 ms, level
/// 3 11.51 MB in 344–357 ms. The deflate was a fifth of a clean build's instructions.
const BUNDLE_LEVEL: i32 = 1;

/// Tar bytes per gzip member: large enough that cutting the stream costs little (a member starts
/// with an empty window), small enough to keep both cores busy on a small site and to make an
/// edit rebuild deflate little: it copies the members whose files are all unchanged and makes
/// the others again. On the 1,000-document bench site (91 MB of tar) 8 MB members gave 13.48 MB
/// of gzip and 1 MB members 13.56 MB (+0.6%), while a one-port edit, whose changed files are
/// spread over the tree (the catalog script, search shards, a few pages of each kind), made
/// 4 of 11 members again (32 MB deflated) with 8 MB members.
pub const MEMBER_BYTES: u64 = 1 << 20;

pub(crate) const BLOCK: usize = 512;

/// Writes `value` as a NUL-terminated octal number filling `field`, zero-padded. Digit by digit
/// rather than through `format!`: seven fields of every file of the site (issue 15).
fn octal(field: &mut [u8], value: u64) -> Result<()> {
    let Some((end, digits)) = field.split_last_mut() else {
        bail!("an empty tar header field");
    };
    let mut rest = value;
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (rest & 7) as u8;
        rest >>= 3;
    }
    if rest != 0 {
        bail!("{value} does not fit a tar header field");
    }
    *end = 0;
    Ok(())
}

/// Splits `name` into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a `/`.
fn ustar_name(name: &str) -> Result<(&str, &str)> {
    if name.len() <= 100 {
        return Ok(("", name));
    }
    for (i, _) in name.match_indices('/') {
        let (prefix, rest) = (&name[..i], &name[i + 1..]);
        if prefix.len() <= 155 && rest.len() <= 100 && !rest.is_empty() {
            return Ok((prefix, rest));
        }
    }
    bail!("the path {name} is too long for the bundle (ustar: 100 bytes after a folder of 155)")
}

/// The 512-byte ustar header of a regular file: mode 0644, owner 0, time 0.
pub fn header(name: &str, size: u64) -> Result<[u8; BLOCK]> {
    let (prefix, name) = ustar_name(name)?;
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut h[100..108], 0o644)?;
    octal(&mut h[108..116], 0)?;
    octal(&mut h[116..124], 0)?;
    octal(&mut h[124..136], size)?;
    octal(&mut h[136..148], 0)?;
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[345..345 + prefix.len()].copy_from_slice(prefix.as_bytes());
    // The checksum is summed with its own field read as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| u64::from(b)).sum();
    // Six digits, a NUL and a space.
    octal(&mut h[148..155], sum)?;
    h[155] = b' ';
    Ok(h)
}

/// One tar entry (header, bytes, padding to the block) appended to `tar`.
pub(crate) fn append(tar: &mut Vec<u8>, name: &str, bytes: &[u8]) -> Result<()> {
    tar.extend_from_slice(&header(name, bytes.len() as u64)?);
    tar.extend_from_slice(bytes);
    tar.resize(tar.len().next_multiple_of(BLOCK), 0);
    Ok(())
}

/// A gzip member of `tar` (no name, time 0: the same bytes every build). libdeflate deflates
/// a whole buffer at once, which is how members are made anyway (no streaming needed).
pub(crate) fn gzip(tar: &[u8]) -> Result<Vec<u8>> {
    let level = libdeflater::CompressionLvl::new(BUNDLE_LEVEL)
        .map_err(|_| anyhow::anyhow!("{BUNDLE_LEVEL} is not a libdeflate level"))?;
    let mut compressor = libdeflater::Compressor::new(level);
    let mut gzipped = vec![0; compressor.gzip_compress_bound(tar.len())];
    let len = compressor.gzip_compress(tar, &mut gzipped)?;
    gzipped.truncate(len);
    // The bound is the tar's size: the members wait for the end of the build, so they keep
    // only their bytes (about a seventh), not the room a worst case would have needed.
    gzipped.shrink_to_fit();
    Ok(gzipped)
}

/// The files of one gzip member (a run of consecutive paths), and whether it ends the archive.
pub struct Member<'a> {
    pub files: &'a [(String, u64)],
    pub last: bool,
}

/// Cuts the sorted `paths` (with their sizes) into members of about `member_bytes` of tar each.
/// Where a cut falls depends only on the files from the member's first one on: an incremental
/// build reuses a previous member's gzip bytes when it holds the same files (see `output`).
pub fn members(paths: &[(String, u64)], member_bytes: u64) -> Vec<Member<'_>> {
    let mut members = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, size)) in paths.iter().enumerate() {
        bytes += size + BLOCK as u64;
        if bytes >= member_bytes {
            members.push(Member { files: &paths[start..=i], last: false });
            (start, bytes) = (i + 1, 0);
        }
    }
    members.push(Member { files: &paths[start..], last: true });
    members
}

/// The gzip member of `member`'s files under the folder `prefix/`, each file's bytes from `read`
/// (by its path): the pages are not held in memory until the end of the build.
pub fn gzip_member(
    member: &Member<'_>,
    prefix: &str,
    read: &(dyn Fn(&str) -> Result<Vec<u8>> + Sync),
) -> Result<Vec<u8>> {
    // The tar's exact size, so it is not copied as it grows.
    let bytes: u64 = member.files.iter().map(|(_, size)| size.next_multiple_of(BLOCK as u64)).sum();
    let blocks = member.files.len() + if member.last { 2 } else { 0 };
    let mut tar = Vec::with_capacity(usize::try_from(bytes)? + blocks * BLOCK);
    for (path, _) in member.files {
        append(&mut tar, &format!("{prefix}/{path}"), &read(path)?)?;
    }
    if member.last {
        // The end of the archive: two empty blocks.
        tar.resize(tar.len() + 2 * BLOCK, 0);
    }
    gzip(&tar)
}

/// Writes the tar.gz of the files `paths` (relative to `root`, with `/`, with their sizes) in
/// the order given, under the folder `prefix/`, its members gzipped side by side.
pub fn write_tar_gz(
    root: &Path,
    paths: &[(String, u64)],
    prefix: &str,
    out: &mut impl Write,
) -> Result<()> {
    let read = |path: &str| -> Result<Vec<u8>> {
        let file = root.join(path);
        std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))
    };
    let gzipped: Vec<Vec<u8>> = members(paths, MEMBER_BYTES)
        .par_iter()
        .map(|member| gzip_member(member, prefix, &read))
        .collect::<Result<_>>()?;
    for member in gzipped {
        out.write_all(&member)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::Read;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("portolan-bundle-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn bundle(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Vec<u8> {
        let root = temp(name);
        for (path, bytes) in files {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        let paths: Vec<(String, u64)> =
            files.iter().map(|(p, b)| (p.clone(), b.len() as u64)).collect();
        let mut out = Vec::new();
        write_tar_gz(&root, &paths, "site", &mut out).unwrap();
        let _ = std::fs::remove_dir_all(root);
        out
    }

    /// Reads the archive with flate2's multi-member decoder and a plain ustar walk that checks
    /// every header's checksum.
    fn read_back(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut tar = Vec::new();
        flate2::read::MultiGzDecoder::new(archive).read_to_end(&mut tar).unwrap();
        let mut files = BTreeMap::new();
        let mut at = 0;
        while at + BLOCK <= tar.len() && tar[at..at + BLOCK].iter().any(|&b| b != 0) {
            let h = &tar[at..at + BLOCK];
            let field = |r: std::ops::Range<usize>| {
                String::from_utf8(h[r].iter().copied().take_while(|&b| b != 0).collect()).unwrap()
            };
            let number = |r| u64::from_str_radix(field(r).trim(), 8).unwrap();
            let stated = number(148..156);
            let summed: u64 = h
                .iter()
                .enumerate()
                .map(|(i, &b)| if (148..156).contains(&i) { 32 } else { u64::from(b) })
                .sum();
            assert_eq!(stated, summed, "header checksum");
            assert_eq!(&h[257..263], b"ustar\0");
            let prefix = field(345..500);
            let name = field(0..100);
            let name = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            let size = number(124..136) as usize;
            let start = at + BLOCK;
            files.insert(name, tar[start..start + size].to_vec());
            at = start + size.next_multiple_of(BLOCK);
        }
        assert_eq!(tar.len(), at + 2 * BLOCK, "the archive ends with two empty blocks");
        files
    }

    #[test]
    fn bundle_reads_back_file_for_file() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_owned(), b"<h1>home</h1>".to_vec());
        files.insert("ports/8443.html".to_owned(), vec![b'x'; 1300]);
        files.insert("empty.txt".to_owned(), Vec::new());
        let long = format!("platforms/{}/{}.html", "d".repeat(90), "p".repeat(80));
        files.insert(long.clone(), b"deep".to_vec());
        let read = read_back(&bundle(&files, "read"));
        let expected: BTreeMap<String, Vec<u8>> =
            files.into_iter().map(|(p, b)| (format!("site/{p}"), b)).collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn bundle_is_deterministic() {
        let files: BTreeMap<String, Vec<u8>> =
            (0..50).map(|i| (format!("p/{i}.html"), format!("page {i}").into_bytes())).collect();
        assert_eq!(bundle(&files, "one"), bundle(&files, "two"));
    }

    /// More tar than one member holds: several gzip members, read back as one archive.
    #[test]
    fn a_site_larger_than_one_member_reads_back_whole() {
        let files: BTreeMap<String, Vec<u8>> = (0..20)
            .map(|i| {
                (format!("big/{i:02}.bin"), (0..(1 << 20)).map(|j| (j * 31 + i) as u8).collect())
            })
            .collect();
        let archive = bundle(&files, "members");
        let members = archive.windows(3).filter(|w| *w == [0x1f, 0x8b, 8]).count();
        assert!(members >= 2, "{members} gzip member(s)");
        assert_eq!(read_back(&archive).len(), files.len());
    }

    /// The digit-by-digit writer gives what `format!("{value:0width$o}")` and a NUL gave.
    #[test]
    fn octal_fields_are_zero_padded_and_nul_terminated() {
        let mut field = [0xffu8; 8];
        octal(&mut field, 0o644).unwrap();
        assert_eq!(&field, b"0000644\0");
        for value in [0, 1, 7, 8, 511, 4096, 130_560, 0o77_777_777_777] {
            let mut field = [0xffu8; 12];
            octal(&mut field, value).unwrap();
            assert_eq!(&field[..11], format!("{value:011o}").as_bytes());
            assert_eq!(field[11], 0);
        }
        let err = octal(&mut [0u8; 12], 0o100_000_000_000).unwrap_err().to_string();
        assert!(err.contains("does not fit"), "{err}");
    }

    #[test]
    fn a_path_no_ustar_header_can_hold_is_an_error() {
        let name = format!("{}/{}", "a".repeat(200), "b".repeat(120));
        let err = header(&name, 1).unwrap_err().to_string();
        assert!(err.contains("too long for the bundle"), "{err}");
    }
}
