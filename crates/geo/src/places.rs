//! Places a reader could recognise: the towns, cities and suburbs of England and Wales with
//! 5,000 or more residents (GeoNames, CC BY 4.0; `fixtures/towns-england-wales.csv` says how the
//! list was made), for finding places in text that is about to be published.

const TOWNS_FIXTURE: &str = include_str!("../../../fixtures/towns-england-wales.csv");

/// Every town's name, in the fixture's order.
pub fn towns() -> impl Iterator<Item = &'static str> {
    TOWNS_FIXTURE
        .lines()
        .skip(1)
        .filter_map(|line| {
            line.rsplit_once(',')
                .map(|(name, _)| name.trim_matches('"'))
        })
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_towns_of_england_and_wales_are_known() {
        let towns: Vec<&str> = towns().collect();
        assert!(towns.len() > 1_500, "{}", towns.len());
        for town in ["Maidstone", "Canterbury", "Swansea", "York"] {
            assert!(towns.contains(&town), "{town}");
        }
        assert!(!towns.contains(&"March"), "everyday words are left out");
    }
}
