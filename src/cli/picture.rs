//! `journeymap report --format html|svg|png`: the journey as a web page or
//! a picture, with the touchpoints the persona and segment filters keep.

use std::io::{IsTerminal, Write};

use std::path::{Path, PathBuf};

use super::matrix::report_unknown_id;
use super::{EXIT_ERROR, EXIT_OK, output_failure, report_write_error};
use crate::analysis::{Matrix, MatrixFilter};
use crate::export::png::{self, FontSources, Fonts};
use crate::export::{html, svg};
use crate::model::JourneyMap;
use crate::model::typed::Period;
use crate::store;
use crate::text::sanitize;

/// What is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Html,
    Svg,
    Png,
}

/// What `report` was asked for, as far as a page or picture goes.
pub(super) struct Request<'a> {
    pub kind: Kind,
    /// Whether `--section` was given (a page or picture has no sections).
    pub sections: bool,
    /// `-o`; `None` or `-` is standard output.
    pub output: Option<&'a Path>,
    pub persona: Option<String>,
    pub segment: Option<String>,
    pub font_dir: &'a [PathBuf],
    pub no_system_fonts: bool,
}

/// Writes the page or picture of `map` that `args` asks for.
pub(super) fn run(map: JourneyMap, args: &Request, today: Period) -> u8 {
    let name = match args.kind {
        Kind::Html => "html",
        Kind::Svg => "svg",
        Kind::Png => "png",
    };
    if args.sections {
        crate::errln!(
            "error: {name} shows the whole journey; leave out --section\n  = help: for one section, use --format text, markdown or csv"
        );
        return EXIT_ERROR;
    }
    if args.kind != Kind::Png && (!args.font_dir.is_empty() || args.no_system_fonts) {
        crate::errln!(
            "error: --font-dir and --no-system-fonts apply to --format png\n  = help: {name} uses the fonts of whoever views it"
        );
        return EXIT_ERROR;
    }
    let to_file = args.output.filter(|p| p.as_os_str() != "-");
    if args.kind == Kind::Png && to_file.is_none() && std::io::stdout().is_terminal() {
        crate::errln!(
            "error: a PNG is not for a terminal\n  = help: write it to a file with -o journey.png, or pipe it"
        );
        return EXIT_ERROR;
    }
    let filter = MatrixFilter {
        persona: args.persona.clone(),
        segment: args.segment.clone(),
        campaign: None,
    };
    let matrix = match Matrix::build(&map, &filter) {
        Ok(matrix) => matrix,
        Err(e) => return report_unknown_id(&e),
    };
    // A picture is drawn before anything is written, so that a refusal
    // (no font for a script) leaves a file as it was; the page is written
    // as it is made.
    let picture = match args.kind {
        Kind::Html => return write_out(to_file, |out| html::page(&map, &matrix, &filter, today, out)),
        Kind::Svg => svg::journey(&map, &matrix, &filter, today).into_bytes(),
        Kind::Png => {
            let fonts = Fonts::load(&FontSources {
                dirs: args.font_dir.to_vec(),
                no_system: args.no_system_fonts,
            });
            // The map is let go once both pictures it can be drawn from
            // are made, so that a large map is not held beside the pixels.
            let for_raster = svg::journey_for_raster(&map, &matrix, &filter, today, &fonts);
            let plain = svg::journey(&map, &matrix, &filter, today);
            drop(map);
            match png::draw_journey(&for_raster, move || plain, &fonts) {
                Ok(png) => {
                    crate::errln!(
                        "drew a {}x{} picture with {}",
                        png.width,
                        png.height,
                        sanitize(&png.fonts.join(", "))
                    );
                    if !png.missing_symbols.is_empty() {
                        let symbols: String = png.missing_symbols.iter().take(12).collect();
                        crate::errln!(
                            "warning: no font found has {} (drawn as empty boxes)\n  = help: install an emoji or symbol font (Debian and Ubuntu: fonts-noto-color-emoji), or name one with --font-dir",
                            sanitize(&symbols)
                        );
                    }
                    png.bytes
                }
                Err(e) => {
                    crate::errln!("error: {e}");
                    return EXIT_ERROR;
                }
            }
        }
    };
    write_out(to_file, |out| out.write_all(&picture))
}

/// Writes with `write` to the file `to_file`, atomically, or to standard
/// output; the exit code.
fn write_out(to_file: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> u8 {
    match to_file {
        Some(path) => match store::write_atomically_with(path, write) {
            Ok(()) => EXIT_OK,
            Err(e) => report_write_error(path, &e),
        },
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            if let Err(e) = write(&mut stdout).and_then(|()| stdout.flush())
                && let Some(message) = output_failure(&e)
            {
                crate::errln!("{message}");
            }
            EXIT_OK
        }
    }
}
