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
//! which every gzip and tar reader reads as the tar they add up to. A member may end inside a
//! file: a file larger than two members (the catalog script) is cut into members of its own at
//! points its bytes choose (`piece_ends`), so an edit of it deflates the pieces it touched.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cache::Digest;

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
/// 4 of 11 members again (32 MB deflated) with 8 MB members. Session 13, with the catalog
/// script cut into pieces: 1 MB members 12.38 MB of gzip, a one-port edit deflating 14 of 108
/// members; 256 KB members 12.65 MB (+2.2%), 17 of 323 members, the edit's deflate 306 M → 115 M
/// instructions (bench/HISTORY.md "Edit rebuild, session 13").
pub const MEMBER_BYTES: u64 = 1 << 18;

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

/// A run of consecutive files of the bundle: one gzip member, or, for a file larger than
/// `SPLIT_MEMBERS` members (`split`), that file alone cut into several (see `split_tars`).
pub struct Member<'a> {
    pub files: &'a [(String, u64)],
    /// The tar bytes members are cut at (`MEMBER_BYTES`; smaller in tests).
    pub member_bytes: u64,
    /// The member ends the archive (two empty tar blocks follow its files).
    pub last: bool,
    pub split: bool,
}

/// A file of more tar than this many members is cut inside (`split_tars`). The catalog script
/// (8.2 MB at 1,000 documents, each platform's packed text on it in turn) was one member, made
/// again whole on every edit of any platform.
pub const SPLIT_MEMBERS: u64 = 2;

/// True when a file of `size` bytes is cut into gzip members of its own (`split_tars`).
pub fn is_split(size: u64, member_bytes: u64) -> bool {
    size > SPLIT_MEMBERS * member_bytes
}

/// True when a member holding `counted` bytes of tar (`BLOCK` per file plus its bytes) ends.
pub(crate) fn member_full(counted: u64, member_bytes: u64) -> bool {
    counted >= member_bytes
}

/// Cuts the sorted `paths` (with their sizes) into members of about `member_bytes` of tar each;
/// a split file (`is_split`) ends the member before it and is a member of its own. Where a cut
/// falls depends only on the files from the member's first one on: an incremental build reuses
/// a previous member's gzip bytes when it holds the same files (see `output`).
pub fn members(paths: &[(String, u64)], member_bytes: u64) -> Vec<Member<'_>> {
    let mut members = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, size)) in paths.iter().enumerate() {
        if is_split(*size, member_bytes) {
            if start < i {
                members.push(Member {
                    files: &paths[start..i],
                    member_bytes,
                    last: false,
                    split: false,
                });
            }
            members.push(Member { files: &paths[i..=i], member_bytes, last: false, split: true });
            (start, bytes) = (i + 1, 0);
            continue;
        }
        bytes += size + BLOCK as u64;
        if member_full(bytes, member_bytes) {
            members.push(Member {
                files: &paths[start..=i],
                member_bytes,
                last: false,
                split: false,
            });
            (start, bytes) = (i + 1, 0);
        }
    }
    members.push(Member { files: &paths[start..], member_bytes, last: true, split: false });
    members
}

/// The gear table of `piece_ends`' rolling hash: 256 fixed pseudo-random words (SplitMix64).
const GEAR: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut state: u64 = 0;
    let mut i = 0;
    while i < 256 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        table[i] = z ^ (z >> 31);
        i += 1;
    }
    table
};

/// Where a split file's pieces end (content-defined chunking with a gear hash, as backup tools
/// cut files): a cut falls after a byte where the hash of the 64 bytes before it has its top
/// bits zero, at least `min` past the last cut, at most `max`. A cut depends only on the bytes
/// around it and the cut before, so an edit changes the pieces it falls in (and the cut after
/// it, until the cuts meet again), not the pieces further on, wherever the file grows or shrinks.
pub fn piece_ends(bytes: &[u8], member_bytes: u64) -> Vec<usize> {
    // Pieces of a member on average, as the members of small files.
    let average = usize::try_from(member_bytes).unwrap_or(usize::MAX).max(256);
    // No cut in the first three quarters of a piece (the hash is not even run there), then one
    // byte in a quarter piece on average.
    let (min, max) = (average - average / 4, average * 4);
    let bits = (average / 4).ilog2();
    let mask = !(u64::MAX >> bits);
    let mut ends = Vec::new();
    let mut start = 0;
    while bytes.len() - start > min {
        let end = bytes.len().min(start + max);
        // The first cut may fall after byte `first`; the hash holds the last 64 bytes, so it
        // starts 63 bytes before.
        let first = start + min - 1;
        let mut hash = 0u64;
        for &byte in &bytes[first - 63..first] {
            hash = (hash << 1).wrapping_add(GEAR[usize::from(byte)]);
        }
        let mut cut = end;
        for (at, &byte) in (first..).zip(&bytes[first..end]) {
            hash = (hash << 1).wrapping_add(GEAR[usize::from(byte)]);
            if hash & mask == 0 {
                cut = at + 1;
                break;
            }
        }
        ends.push(cut);
        start = cut;
    }
    if start < bytes.len() || ends.is_empty() {
        ends.push(bytes.len());
    }
    ends
}

/// The tar of a split file, as the gzip members it is cut into: its header alone, its bytes
/// cut at `piece_ends`, and its padding to the block alone (none when it needs none). Header and
/// padding change with the file's size: on their own, a file that grows or shrinks changes
/// only the pieces its edit falls in and these two, each a few hundred bytes.
pub fn split_tars(name: &str, bytes: &[u8], member_bytes: u64) -> Result<Vec<Vec<u8>>> {
    let mut tars = vec![header(name, bytes.len() as u64)?.to_vec()];
    let mut start = 0;
    for end in piece_ends(bytes, member_bytes) {
        tars.push(bytes[start..end].to_vec());
        start = end;
    }
    let padding = bytes.len().next_multiple_of(BLOCK) - bytes.len();
    if padding > 0 {
        tars.push(vec![0; padding]);
    }
    Ok(tars)
}

/// One gzip member of the bundle; a piece of a split file carries the digest of its tar, by
/// which the next build finds it again wherever the file's edits moved it.
pub struct Gzipped {
    pub bytes: Vec<u8>,
    pub piece: Option<Digest>,
}

/// Gzipped bytes of a piece the last bundle held, by the digest of its tar (`Gzipped::piece`).
pub type KeptPieces<'a> = dyn Fn(&Digest) -> Option<Result<Vec<u8>>> + Sync + 'a;

/// The gzip members of `member`'s files under the folder `prefix/`, each file's bytes from `read`
/// (by its path): the pages are not held in memory until the end of the build. A split file's
/// pieces whose tar `kept` has are copied, not deflated again.
pub fn gzip_member(
    member: &Member<'_>,
    prefix: &str,
    read: &(dyn Fn(&str) -> Result<Vec<u8>> + Sync),
    kept: &KeptPieces<'_>,
) -> Result<Vec<Gzipped>> {
    if member.split
        && let [(path, _)] = member.files
    {
        let tars = split_tars(&format!("{prefix}/{path}"), &read(path)?, member.member_bytes)?;
        return tars
            .par_iter()
            .map(|tar| {
                let digest = Digest::of(tar);
                let bytes = match kept(&digest) {
                    Some(bytes) => bytes?,
                    None => gzip(tar)?,
                };
                Ok(Gzipped { bytes, piece: Some(digest) })
            })
            .collect();
    }
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
    Ok(vec![Gzipped { bytes: gzip(&tar)?, piece: None }])
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
    let gzipped: Vec<Vec<Gzipped>> = members(paths, MEMBER_BYTES)
        .par_iter()
        .map(|member| gzip_member(member, prefix, &read, &|_| None))
        .collect::<Result<_>>()?;
    for member in gzipped.iter().flatten() {
        out.write_all(&member.bytes)?;
    }
    Ok(())
}

/// `len` bytes of letters without runs or repeats, as a text file's (a SplitMix64 of the
/// position and `seed`): content-defined cuts fall in them as in a real file.
#[cfg(test)]
pub(crate) fn noise(len: usize, seed: usize) -> Vec<u8> {
    (0..len)
        .map(|i| {
            let mut z = ((i as u64) ^ ((seed as u64) << 40)).wrapping_add(1);
            z = z.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            b'a' + ((z ^ (z >> 31)) >> 59) as u8
        })
        .collect()
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

    /// More tar than one member holds: several gzip members, read back as one archive; a file
    /// cut into pieces (its header, its bytes and its padding in members of their own) too.
    #[test]
    fn a_site_larger_than_one_member_reads_back_whole() {
        let mut files: BTreeMap<String, Vec<u8>> = (0..20)
            .map(|i| {
                (format!("big/{i:02}.bin"), (0..(1 << 20)).map(|j| (j * 31 + i) as u8).collect())
            })
            .collect();
        let split = noise(3 * (1 << 20) + 77, 5);
        assert!(is_split(split.len() as u64, MEMBER_BYTES));
        files.insert("big/10-split.js".to_owned(), split);
        let archive = bundle(&files, "members");
        let members = archive.windows(3).filter(|w| *w == [0x1f, 0x8b, 8]).count();
        assert!(members >= 2, "{members} gzip member(s)");
        assert_eq!(read_back(&archive).len(), files.len());
    }

    /// The pieces tile the file, each between the bounds but the last, about a member on
    /// average.
    #[test]
    fn pieces_tile_the_file_within_their_bounds() {
        let member_bytes = 4 * 1024;
        let bytes = noise(400_000, 1);
        let ends = piece_ends(&bytes, member_bytes);
        assert_eq!(ends.last(), Some(&bytes.len()));
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            let len = end - start;
            assert!(len <= 16 * 1024, "piece {i}: {len} bytes");
            assert!(len >= 2 * 1024 || i == ends.len() - 1, "piece {i}: {len} bytes");
            start = end;
        }
        let average = bytes.len() / ends.len();
        assert!((3_000..=6_000).contains(&average), "{average} bytes a piece on average");
        assert_eq!(piece_ends(&bytes[..100], member_bytes), [100]);
    }

    /// An edit that grows a split file in its middle changes the piece it falls in (and maybe
    /// the next, until the cuts meet again), its header and its padding; every other piece's tar
    /// is as it was, so its gzip bytes are copied.
    #[test]
    fn an_edit_of_a_split_file_changes_only_the_pieces_around_it() {
        let member_bytes = 4 * 1024;
        let before = noise(400_000, 2);
        let mut after = before.clone();
        after.splice(200_000..200_001, *b"grown");
        let tars =
            |bytes: &[u8]| split_tars("site/assets/catalog.js", bytes, member_bytes).unwrap();
        let (old, new) = (tars(&before), tars(&after));
        let kept: std::collections::HashSet<&Vec<u8>> = old.iter().collect();
        let changed = new.iter().filter(|tar| !kept.contains(tar)).count();
        assert!(new.len() > 50, "{} members", new.len());
        assert!((2..=5).contains(&changed), "{changed} of {} members changed", new.len());
        let tar: Vec<u8> = new.concat();
        let mut whole = Vec::new();
        append(&mut whole, "site/assets/catalog.js", &after).unwrap();
        assert!(tar == whole, "the pieces are not the file's tar");
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
