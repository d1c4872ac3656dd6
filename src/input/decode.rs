//! Bytes → text, whatever the encoding.
//!
//! Order matters (single lines of UTF-8 often decode "cleanly" as GB18030 into mojibake):
//! BOM first, then strict UTF-8, then BOM-less UTF-16 by its NUL pattern, then strict
//! GB18030 (which covers GBK). Anything else is refused rather than guessed.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use serde::Serialize;
use thiserror::Error;

/// The encoding a report was read in, as reported in the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TextEncoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16le")]
    Utf16le,
    #[serde(rename = "utf-16be")]
    Utf16be,
    #[serde(rename = "gb18030")]
    Gb18030,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Utf16le => "utf-16le",
            Self::Utf16be => "utf-16be",
            Self::Gb18030 => "gb18030",
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("binary content (NUL bytes), not a text report")]
    Binary,
    #[error("not valid {0}: the file is damaged or in another encoding")]
    Malformed(&'static str),
    #[error("not UTF-8 (invalid byte at offset {utf8_error_at}), UTF-16 or GB18030 text")]
    Unknown { utf8_error_at: usize },
}

/// Decodes a report. Never panics; refuses what is not text.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let tag = if enc == UTF_16LE {
            TextEncoding::Utf16le
        } else if enc == UTF_16BE {
            TextEncoding::Utf16be
        } else {
            TextEncoding::Utf8Bom
        };
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Malformed(tag.name()));
        }
        return non_empty(text.into_owned(), tag);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let utf8_error_at = match std::str::from_utf8(bytes) {
        Ok(s) if s.contains('\0') => return Err(DecodeError::Binary),
        Ok(s) => return non_empty(s.to_owned(), TextEncoding::Utf8),
        Err(e) => e.valid_up_to(),
    };
    if let Some(tag) = utf16_without_bom(bytes) {
        let enc = if tag == TextEncoding::Utf16le {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return non_empty(text.into_owned(), tag);
        }
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => non_empty(text.into_owned(), TextEncoding::Gb18030),
        None => Err(DecodeError::Unknown { utf8_error_at }),
    }
}

fn non_empty(text: String, enc: TextEncoding) -> Result<(String, TextEncoding), DecodeError> {
    if text.trim().is_empty() {
        Err(DecodeError::Empty)
    } else if text.contains('\0') {
        Err(DecodeError::Binary)
    } else {
        Ok((lone_cr_to_lf(text), enc))
    }
}

/// Old Mac (CR-only) and mixed line endings: a CR not followed by LF ends a line too. It
/// becomes LF in place (one byte for one), so every offset into the text stays the same.
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so this is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// BOM-less UTF-16: ASCII-heavy text has a NUL in every other byte. CJK-only UTF-16 is not
/// detectable this way; such files need a BOM (every UTF-16 writer we know emits one).
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 3 && even_nul * 20 < pairs {
        Some(TextEncoding::Utf16le)
    } else if even_nul * 10 >= pairs * 3 && odd_nul * 20 < pairs {
        Some(TextEncoding::Utf16be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "2023年度收、支总计均为1214.15万元。";

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap().1, TextEncoding::Utf8);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(
            decode(&b).unwrap(),
            (SAMPLE.to_owned(), TextEncoding::Utf8Bom)
        );
    }

    #[test]
    fn reads_gbk_and_utf16() {
        let (gbk, _, _) = GB18030.encode(SAMPLE);
        assert_eq!(
            decode(&gbk).unwrap(),
            (SAMPLE.to_owned(), TextEncoding::Gb18030)
        );
        let mut le = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&le).unwrap(),
            (SAMPLE.to_owned(), TextEncoding::Utf16le)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().1, TextEncoding::Utf16be);
    }

    #[test]
    fn refuses_empty_binary_and_garbage() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\n"), Err(DecodeError::Empty));
        assert_eq!(
            decode(&[0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x81, 0x20, 0xff, 0xff]),
            Err(DecodeError::Unknown { utf8_error_at: 0 })
        );
        let mut broken = "收入合计".as_bytes().to_vec();
        broken.extend_from_slice(&[0xff, 0xfe, 0xfd]);
        let e = decode(&broken).unwrap_err();
        assert_eq!(e, DecodeError::Unknown { utf8_error_at: 12 });
        assert!(e.to_string().contains("offset 12"));
    }
}
