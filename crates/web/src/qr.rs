//! QR codes as SVG drawings, for a phone's camera: two-factor keys and the feedback links that
//! services print on cards and leaflets.

use crate::error::{AppError, AppResult};

/// A QR code of `text`, at least `size` pixels square, with its quiet zone.
pub fn svg(text: &str, size: u32) -> AppResult<String> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| AppError::Task(format!("QR code: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build())
}
