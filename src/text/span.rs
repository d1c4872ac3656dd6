//! Positions in the original text: byte ranges, and the line index that turns them into
//! 1-based line numbers and 1-based **character** columns (not bytes, not display width).

use serde::Serialize;

/// A range in the original (decoded) text, with its line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte, in the decoded original text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Bytes per block of the character-count prefix sums.
const BLOCK: usize = 64;

/// Line starts of a text, for byte → (line, column) lookups in constant time per lookup,
/// however long a line is (a flattened table may be one 10 MB line).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: characters that start in the first `k * BLOCK` bytes.
    chars: Vec<usize>,
}

/// Is this byte the first byte of a UTF-8 character?
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut n = 0;
        chars.push(0);
        for block in text.as_bytes().chunks(BLOCK) {
            n += block.iter().filter(|&&b| starts_char(b)).count();
            chars.push(n);
        }
        Self { starts, chars }
    }

    /// Characters that start before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = offset / BLOCK;
        let from = k * BLOCK;
        let partial = text.as_bytes()[from..offset]
            .iter()
            .filter(|&&b| starts_char(b))
            .count();
        self.chars[k] + partial
    }

    /// 1-based line and 1-based character column of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.chars_before(text, offset) - self.chars_before(text, start);
        (line, col + 1)
    }

    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.position(text, start);
        let (end_line, end_column) = self.position(text, end);
        Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let mut end = self.starts.get(line).map(|&s| s - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = "收入\n总计1214.15万元";
        let idx = LineIndex::new(t);
        let off = t.find("1214").unwrap();
        assert_eq!(idx.position(t, off), (2, 3));
        assert_eq!(idx.line_range(t, 2), (t.find('总').unwrap(), t.len()));
    }

    #[test]
    fn columns_past_the_first_block_of_a_long_line() {
        let long = format!("{}\n{}增加1.5万元", "字".repeat(300), "字".repeat(200));
        let idx = LineIndex::new(&long);
        let off = long.find('1').unwrap();
        assert_eq!(idx.position(&long, off), (2, 203));
    }
}
