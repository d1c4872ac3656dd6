//! Text stage: normalisation with an offset map back to the original, and positions.

pub mod normalize;
mod reflow;
pub mod span;

pub use normalize::{Normalized, normalize};
pub use span::{LineIndex, Span};
