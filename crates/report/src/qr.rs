//! QR codes of ticket tokens, as PNG and SVG.
//!
//! The token is upper-case letters and digits, so it is encoded in QR's alphanumeric mode: 17
//! symbols fit a version-2 code (25×25 modules) at the highest error correction, H (30%). That
//! version has an alignment pattern, which lets a webcam decoder undo perspective, and the
//! redundancy survives creases, glare and a dim hall (tests/e2e/qr-decode.test.mjs measured
//! version 1 at level M failing on tilted and noisy frames that version 2 at H reads).

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};
use tsudoi_core::TicketToken;

use crate::ReportError;

/// White modules around the code, as the QR standard asks, so scanners find its edge.
const QUIET_ZONE: usize = 4;

fn encode(token: &TicketToken) -> Result<QrCode, ReportError> {
    Ok(QrCode::with_error_correction_level(token.as_str(), EcLevel::H)?)
}

/// An SVG image of the ticket's QR code, scalable for print.
pub fn ticket_svg(token: &TicketToken) -> Result<String, ReportError> {
    let code = encode(token)?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

/// A PNG image of the ticket's QR code, `module_px` pixels per module, black on white.
pub fn ticket_png(token: &TicketToken, module_px: usize) -> Result<Vec<u8>, ReportError> {
    let code = encode(token)?;
    let width_modules = code.width();
    let colors = code.to_colors();
    let side = (width_modules + 2 * QUIET_ZONE) * module_px;
    let mut pixels = vec![255u8; side * side];
    for (index, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (row, column) = (
            index / width_modules + QUIET_ZONE,
            index % width_modules + QUIET_ZONE,
        );
        for y in row * module_px..(row + 1) * module_px {
            pixels[y * side + column * module_px..y * side + (column + 1) * module_px].fill(0);
        }
    }
    let mut bytes = Vec::new();
    let side_u32 = u32::try_from(side).unwrap_or(u32::MAX);
    let mut encoder = png::Encoder::new(&mut bytes, side_u32, side_u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(bytes)
}

/// The module matrix (true = dark), without the quiet zone: for drawing the code elsewhere.
pub fn ticket_modules(token: &TicketToken) -> Result<(usize, Vec<bool>), ReportError> {
    let code = encode(token)?;
    Ok((
        code.width(),
        code.to_colors().into_iter().map(|c| c == Color::Dark).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> TicketToken {
        TicketToken::from_random([0x3C, 0x91, 0x07, 0xFE, 0x55, 0xA0, 0x12, 0xC4, 0x8B, 0x6D])
    }

    #[test]
    fn a_token_is_a_version_2_code_with_the_most_error_correction() {
        let code = encode(&token()).unwrap();
        assert_eq!(
            code.version(),
            qrcode::Version::Normal(2),
            "big modules, and an alignment pattern"
        );
        assert_eq!(code.error_correction_level(), EcLevel::H);
        let (width, modules) = ticket_modules(&token()).unwrap();
        assert_eq!((width, modules.len()), (25, 25 * 25));
    }

    #[test]
    fn the_png_is_a_greyscale_image_with_a_quiet_zone() {
        let bytes = ticket_png(&token(), 8).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), ((25 + 8) * 8, (25 + 8) * 8));
        let side = info.width as usize;
        assert!(
            pixels[..side * 4 * 8].iter().all(|p| *p == 255),
            "the quiet zone is white"
        );
        // The top-left finder pattern starts dark right after the quiet zone.
        assert_eq!(pixels[(4 * 8) * side + 4 * 8], 0);
    }

    #[test]
    fn the_svg_is_a_standalone_image() {
        let svg = ticket_svg(&token()).unwrap();
        assert!(svg.starts_with("<?xml"), "{}", &svg[..40]);
        assert!(svg.contains("<svg") && svg.contains("#000000"));
    }
}
