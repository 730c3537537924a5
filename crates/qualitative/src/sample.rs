//! The double-coding sample: which of a question's comments a second coder codes blind, drawn at
//! random but reproducibly (the same comments and share give the same draw).

use rand::seq::SliceRandom;
use rand::SeedableRng;

/// A comment as the draw sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    /// Who coded it first, if anyone.
    pub first_coder: Option<i32>,
    /// Who holds it for second coding, if anyone.
    pub second_coder: Option<i32>,
}

/// The comments to give `second` so that `percent` of all of them (rounded up) are double coded:
/// none `second` coded first, none anyone else already holds; in ascending id order.
pub fn draw(comments: &[Candidate], percent: u32, second: i32) -> Vec<i32> {
    let wanted = (comments.len() * percent as usize).div_ceil(100);
    let already = comments.iter().filter(|c| c.second_coder.is_some()).count();
    let mut candidates: Vec<i32> = comments
        .iter()
        .filter(|c| c.second_coder.is_none() && c.first_coder != Some(second))
        .map(|c| c.id)
        .collect();
    let seed = candidates.iter().fold(u64::from(percent), |h, id| {
        h.wrapping_mul(31).wrapping_add(*id as u64)
    });
    candidates.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    candidates.truncate(wanted.saturating_sub(already));
    candidates.sort_unstable();
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn comments(n: i32, first: Option<i32>) -> Vec<Candidate> {
        (1..=n)
            .map(|id| Candidate {
                id,
                first_coder: first,
                second_coder: None,
            })
            .collect()
    }

    #[test]
    fn a_share_rounded_up_and_the_same_draw_each_time() {
        let all = comments(41, Some(7));
        let drawn = draw(&all, 10, 9);
        assert_eq!(drawn.len(), 5, "10% of 41, rounded up");
        assert_eq!(drawn, draw(&all, 10, 9), "reproducible");
        assert!(drawn.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_coder_never_second_codes_their_own_first_codes() {
        let all = comments(20, Some(9));
        assert!(draw(&all, 50, 9).is_empty());
    }

    proptest! {
        #[test]
        fn never_more_than_the_share_and_never_what_is_held(
            n in 0i32..200, percent in 1u32..=100, held in 0usize..20,
        ) {
            let mut all = comments(n, Some(1));
            for c in all.iter_mut().take(held) {
                c.second_coder = Some(3);
            }
            let drawn = draw(&all, percent, 2);
            let wanted = (all.len() * percent as usize).div_ceil(100);
            let already = all.iter().filter(|c| c.second_coder.is_some()).count();
            prop_assert!(drawn.len() <= wanted.saturating_sub(already));
            for id in &drawn {
                let c = all.iter().find(|c| c.id == *id).expect("a comment");
                prop_assert!(c.second_coder.is_none());
            }
        }
    }
}
