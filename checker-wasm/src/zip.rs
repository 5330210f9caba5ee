//! A small zip writer (deflate, UTF-8 names, fixed 1980-01-01 timestamps, so the same files
//! always give the same bytes): "download every target" runs in the page.

/// CRC-32 (IEEE 802.3, reflected), bit by bit: a lookup table would put 1 KB of the page's
/// wasm behind the zip, which is built now and then, of a few hundred KB at most.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// One file of the archive: its path, its bytes, and the same bytes raw-deflated when the
/// caller compressed them (the page uses the browser's `CompressionStream`).
pub struct Entry {
    pub path: String,
    pub contents: Vec<u8>,
    pub deflated: Option<Vec<u8>>,
}

/// Zips the entries in order. Entries whose deflated form is not smaller are stored.
pub fn zip(files: &[Entry]) -> Vec<u8> {
    const FLAGS_UTF8: u16 = 1 << 11;
    const DOS_DATE: u16 = (1 << 5) | 1; // 1980-01-01
    let mut out = Vec::new();
    let mut central = Vec::new();
    for Entry { path, contents, deflated } in files {
        let crc = crc32(contents);
        let (method, data): (u16, &[u8]) = match deflated {
            Some(d) if d.len() < contents.len() => (8, d),
            _ => (0, contents),
        };
        let offset = out.len() as u32;
        let name = path.as_bytes();
        let common = |v: &mut Vec<u8>| {
            put16(v, 20); // version needed: 2.0
            put16(v, FLAGS_UTF8);
            put16(v, method);
            put16(v, 0); // time
            put16(v, DOS_DATE);
            put32(v, crc);
            put32(v, data.len() as u32);
            put32(v, contents.len() as u32);
            put16(v, name.len() as u16);
            put16(v, 0); // extra
        };
        put32(&mut out, 0x0403_4b50);
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(data);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20); // made by: MS-DOS, 2.0
        common(&mut central);
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, files.len() as u16);
    put16(&mut out, files.len() as u16);
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_text() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_reads_back_with_the_zip_crate() {
        let entry = |path: &str, contents: &[u8]| Entry {
            path: path.to_owned(),
            contents: contents.to_vec(),
            deflated: Some(miniz_oxide::deflate::compress_to_vec(contents, 9)),
        };
        let files = vec![
            entry("a/one.txt", b"hello hello hello hello hello\n"),
            entry("b/two.nft", b"x"),
            Entry {
                path: "c/nœud.txt".to_owned(),
                contents: b"not compressed".to_vec(),
                deflated: None,
            },
        ];
        let bytes = zip(&files);
        assert_eq!(zip(&files), bytes, "deterministic");
        let mut reader =
            ::zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("the zip crate opens it");
        assert_eq!(reader.len(), files.len());
        for (i, expected) in files.iter().enumerate() {
            let mut file = reader.by_index(i).expect("an entry");
            assert_eq!(file.name().expect("a UTF-8 name"), expected.path);
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut back).expect("inflates, CRC matches");
            assert_eq!(back, expected.contents, "{}", expected.path);
        }
        let deflated = reader.by_index(0).expect("an entry").compression();
        assert_eq!(deflated, ::zip::CompressionMethod::Deflated, "the smaller deflate is used");
    }
}
