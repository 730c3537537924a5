//! Resolving overlapping detections: a detection inside another is reported once, as the outer one.

use crate::finding::{Detection, LocationKind};

/// Which kind wins when two detections cover exactly the same text (lower wins).
fn precedence(kind: LocationKind) -> u8 {
    match kind {
        LocationKind::MapLink => 0,
        LocationKind::Postcode => 1,
        LocationKind::Coordinates => 2,
        LocationKind::GridReference => 3,
        LocationKind::PlusCode => 4,
        LocationKind::What3Words => 5,
        LocationKind::StreetAddress => 6,
        LocationKind::PartialPostcode => 7,
    }
}

/// The detections not wholly inside another, in order of where they start.
///
/// A postcode sector inside a full postcode, or coordinates inside a map link, add nothing to
/// the outer finding. Detections that merely overlap are both kept.
pub(crate) fn outermost(mut detections: Vec<Detection>) -> Vec<Detection> {
    detections.sort_by(|left, right| {
        left.span
            .start
            .cmp(&right.span.start)
            .then(right.span.end.cmp(&left.span.end))
            .then(precedence(left.kind).cmp(&precedence(right.kind)))
    });
    let mut kept: Vec<Detection> = Vec::with_capacity(detections.len());
    let mut furthest_end = 0;
    for detection in detections {
        // Everything kept so far starts at or before this detection, so it lies inside one of
        // them exactly when it ends no later than the furthest-reaching of them.
        if detection.span.end > furthest_end {
            furthest_end = furthest_end.max(detection.span.end);
            kept.push(detection);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::outermost;
    use crate::finding::{Detection, LocationKind};

    #[test]
    fn inner_and_duplicate_detections_are_dropped() {
        let detections = vec![
            Detection::new(LocationKind::PartialPostcode, 0..5),
            Detection::new(LocationKind::Postcode, 0..7),
            Detection::new(LocationKind::PartialPostcode, 0..7),
            Detection::new(LocationKind::Coordinates, 20..30),
            Detection::new(LocationKind::MapLink, 10..40),
        ];
        assert_eq!(
            outermost(detections),
            vec![
                Detection::new(LocationKind::Postcode, 0..7),
                Detection::new(LocationKind::MapLink, 10..40),
            ]
        );
    }

    #[test]
    fn partly_overlapping_detections_are_both_kept() {
        let detections = vec![
            Detection::new(LocationKind::StreetAddress, 5..15),
            Detection::new(LocationKind::Postcode, 0..8),
        ];
        assert_eq!(outermost(detections).len(), 2);
    }
}
