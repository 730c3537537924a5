//! Class breaks and the colour scale: five sequential classes, light (low) to dark (high),
//! from the viridis scale, which keeps its order in greyscale and for colour-blind readers.

/// Five viridis colours, light to dark.
pub const PALETTE: [&str; 5] = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];

/// Class boundaries: value v is in class i when breaks[i-1] <= v < breaks[i].
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    pub breaks: Vec<f64>,
    pub labels: Vec<String>,
    /// How the breaks were chosen, printed under the legend.
    pub method: String,
}

impl Classes {
    /// Fixed breaks with a unit, e.g. `[50, 70, 90, 100]` and `%`.
    pub fn fixed(breaks: &[f64], unit: &str) -> Self {
        let mut labels = Vec::new();
        let fmt = |x: f64| format!("{}{unit}", trim(x));
        labels.push(format!("under {}", fmt(breaks[0])));
        for w in breaks.windows(2) {
            labels.push(format!("{} to under {}", fmt(w[0]), fmt(w[1])));
        }
        labels.push(format!("{} or more", fmt(breaks[breaks.len() - 1])));
        Self {
            breaks: breaks.to_vec(),
            labels,
            method: "fixed breaks".into(),
        }
    }

    /// Quantile breaks into up to five classes of about equal count.
    pub fn quantiles(values: &[f64], unit: &str) -> Self {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let mut breaks: Vec<f64> = Vec::new();
        if !sorted.is_empty() {
            for k in 1..PALETTE.len() {
                let idx = (k * sorted.len()) / PALETTE.len();
                let b = round_sig(sorted[idx.min(sorted.len() - 1)]);
                if breaks.last().is_none_or(|last| b > *last) && b > sorted[0] {
                    breaks.push(b);
                }
            }
        }
        if breaks.is_empty() {
            breaks.push(round_sig(sorted.last().copied().unwrap_or(0.0)) + 1.0);
        }
        let mut classes = Self::fixed(&breaks, unit);
        classes.method = "quantiles (about equal numbers of areas in each class)".into();
        classes
    }

    pub fn class_of(&self, value: f64) -> usize {
        self.breaks.iter().take_while(|b| value >= **b).count()
    }

    /// The colours in use: one per class, spread across the palette.
    pub fn colours(&self) -> Vec<&'static str> {
        let n = self.breaks.len() + 1;
        (0..n)
            .map(|i| {
                PALETTE[if n == 1 {
                    0
                } else {
                    i * (PALETTE.len() - 1) / (n - 1)
                }]
            })
            .collect()
    }

    pub fn colour_of(&self, value: f64) -> &'static str {
        self.colours()[self.class_of(value)]
    }

    /// Whether text drawn over this class should be light to stay readable.
    pub fn needs_light_text(&self, value: f64) -> bool {
        let n = self.breaks.len() + 1;
        self.class_of(value) * 2 >= n
    }
}

fn round_sig(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let magnitude = 10f64.powf(x.abs().log10().floor() - 1.0);
    (x / magnitude).round() * magnitude
}

/// A class boundary to two decimals at most ([`crate::tables::two_decimals`]), without
/// trailing zeros: `50`, `0.45`.
pub fn trim(x: f64) -> String {
    let s = crate::tables::two_decimals(x);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_breaks_label_each_class() {
        let c = Classes::fixed(&[50.0, 70.0, 90.0, 100.0], "%");
        assert_eq!(c.labels[0], "under 50%");
        assert_eq!(c.labels[4], "100% or more");
        assert_eq!(c.class_of(49.9), 0);
        assert_eq!(c.class_of(50.0), 1);
        assert_eq!(c.class_of(120.0), 4);
        assert_eq!(c.colour_of(120.0), PALETTE[4]);
    }

    #[test]
    fn quantiles_split_values_into_increasing_classes() {
        let values: Vec<f64> = (1..=40).map(f64::from).collect();
        let c = Classes::quantiles(&values, "");
        assert_eq!(c.breaks, vec![9.0, 17.0, 25.0, 33.0]);
        assert!(c.class_of(1.0) < c.class_of(40.0));
        let flat = Classes::quantiles(&[3.0, 3.0, 3.0], "");
        assert_eq!(flat.class_of(3.0), 0);
    }
}
