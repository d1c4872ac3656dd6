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

/// Line starts of a text, for byte → (line, column) lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based line and 1-based character column of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
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

    pub fn line_count(&self) -> usize {
        self.starts.len()
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
}
